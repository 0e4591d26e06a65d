import { sql } from 'kysely';
import { BulkStatement } from '../db/bulk-statement.js';
import type { Database } from '../db/database.js';
import { textList } from '../db/text-list.js';
import { statementSlices } from '../db/statement-slices.js';
import type { CountDimensions, FilterDimensions, Level } from './call-count-keys.js';

/** A change to one counter row. */
export interface CountDelta extends CountDimensions {
  level: Level;
  bucket: number;
  delta: number;
}

/** A coarse bucket's head row (mask 0) after a change: its total, and whether fine buckets count it too. */
export interface HeadState {
  level: Level;
  bucket: number;
  n: number;
  refined: boolean;
}

export interface BucketCount {
  bucket: number;
  n: number;
}

const KEY_COLUMNS = ['organization_id', 'mask', 'call_type', 'agent_id', 'intent_key', 'level', 'bucket'] as const;
/** Rows per statement: well inside both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 1000;

interface CounterRow extends CountDimensions {
  organization_id: string;
  level: Level;
  bucket: number;
  n: number;
  refined: number;
}

const adding = (db: Database, rows: CounterRow[]) =>
  db
    .insertInto('call_counts')
    .values(rows)
    .onConflict((conflict) => conflict.columns([...KEY_COLUMNS]).doUpdateSet((eb) => ({ n: eb('call_counts.n', '+', eb.ref('excluded.n')) })));

const COUNTER_COLUMNS = [...KEY_COLUMNS, 'n', 'refined'] as const;
const upsertHeads = new BulkStatement<CounterRow>(COUNTER_COLUMNS, (db, rows) => adding(db, rows).returning(['level', 'bucket', 'n', 'refined']));
const upsert = new BulkStatement<CounterRow>(COUNTER_COLUMNS, adding);
/** For changes that subtract: reports each row's new count, so rows that reach zero can go. */
const upsertReporting = new BulkStatement<CounterRow>(COUNTER_COLUMNS, (db, rows) =>
  adding(db, rows).returning(['mask', 'call_type', 'agent_id', 'intent_key', 'level', 'bucket', 'n']),
);

const counterRows = (organizationId: string, deltas: CountDelta[]): CounterRow[] =>
  deltas.map((d) => ({
    organization_id: organizationId,
    mask: d.mask,
    call_type: d.call_type,
    agent_id: d.agent_id,
    intent_key: d.intent_key,
    level: d.level,
    bucket: d.bucket,
    n: d.delta,
    refined: 0,
  }));

/**
 * Adds to head rows in the order given. On PostgreSQL each head stays locked until commit, and a
 * transaction touches a bucket's other rows only while it holds that bucket's head, so writers
 * taking heads in one global order can neither deadlock nor interleave within a bucket.
 */
export async function addToHeads(db: Database, organizationId: string, heads: CountDelta[]): Promise<HeadState[]> {
  const states: HeadState[] = [];
  for (const chunk of statementSlices(heads, ROWS_PER_STATEMENT)) {
    const { rows } = await upsertHeads.execute<{ level: number; bucket: number; n: number; refined: number }>(db, counterRows(organizationId, chunk));
    for (const row of rows) states.push({ level: row.level as Level, bucket: Number(row.bucket), n: Number(row.n), refined: row.refined === 1 });
  }
  return states;
}

const compareValues = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** The order of the table's key after the organization. */
const byKey = (a: CountDelta, b: CountDelta) =>
  a.mask - b.mask || compareValues(a.call_type, b.call_type) || compareValues(a.agent_id, b.agent_id) || compareValues(a.intent_key, b.intent_key) || a.level - b.level || a.bucket - b.bucket;

/** The key of one counter row. */
export type CountKey = Omit<CountDelta, 'delta'>;

/**
 * Adds to any rows, in any order: only the holder of a bucket's head touches that bucket's rows.
 * Returns the rows that fell to zero.
 */
export async function addToCounts(db: Database, organizationId: string, deltas: CountDelta[]): Promise<CountKey[]> {
  const emptied: CountKey[] = [];
  // In key order, successive rows of a statement land on the pages the previous ones just
  // loaded, instead of each row of a large batch seeking a page of its own.
  deltas = [...deltas].sort(byKey);
  for (const chunk of statementSlices(deltas, ROWS_PER_STATEMENT)) {
    const rows = counterRows(organizationId, chunk);
    if (chunk.every((delta) => delta.delta > 0)) {
      await upsert.execute(db, rows);
      continue;
    }
    const result = await upsertReporting.execute<CountKey & { n: number }>(db, rows);
    for (const { n, ...key } of result.rows) if (Number(n) === 0) emptied.push({ ...key, bucket: Number(key.bucket) });
  }
  return emptied;
}

/** Keys per statement when deleting: each is a condition of its own. */
const KEYS_PER_DELETE = 200;

/** Removes counter rows that fell to zero, so deleted history leaves no counters behind. */
export async function deleteEmptyCounts(db: Database, organizationId: string, keys: CountKey[]): Promise<void> {
  for (const slice of statementSlices(keys, KEYS_PER_DELETE)) {
    const conditions = slice.map(
      (k) =>
        sql`(mask = ${k.mask} and call_type = ${k.call_type} and agent_id = ${k.agent_id} and intent_key = ${k.intent_key} and level = ${k.level} and bucket = ${k.bucket})`,
    );
    await sql`delete from call_counts where organization_id = ${organizationId} and n = 0 and (${sql.join(conditions, sql` or `)})`.execute(db);
  }
}

export async function markRefined(db: Database, organizationId: string, level: Level, bucket: number): Promise<void> {
  await db
    .updateTable('call_counts')
    .set({ refined: 1 })
    .where('organization_id', '=', organizationId)
    .where('mask', '=', 0)
    .where('call_type', '=', '')
    .where('agent_id', '=', '')
    .where('intent_key', '=', '')
    .where('level', '=', level)
    .where('bucket', '=', bucket)
    .execute();
}

/** A stretch of buckets [from, to); an absent end is open. */
export interface BucketRange {
  from?: number;
  to?: number;
}

/** The rows of one level answering a filter within a range: a row per call type and agent. */
function rowsOf(db: Database, organizationId: string, dimensions: FilterDimensions, level: Level, range: BucketRange) {
  const conditions = [
    sql`organization_id = ${organizationId}`,
    sql`mask = ${dimensions.mask}`,
    sql`call_type in (${sql.join([...dimensions.callTypes])})`,
    sql`agent_id in (${textList(db, dimensions.agentIds)})`,
    sql`intent_key = ${dimensions.intentKey}`,
    sql`level = ${level}`,
  ];
  if (range.from !== undefined) conditions.push(sql`bucket >= ${range.from}`);
  if (range.to !== undefined) conditions.push(sql`bucket < ${range.to}`);
  return sql.join(conditions, sql` and `);
}

const HEAD: FilterDimensions = { mask: 0, callTypes: [''], agentIds: [''], intentKey: '' };

interface CoarseRow {
  bucket: number;
  n: number | string;
  refined: number;
}

/**
 * The coarse buckets within a range holding matching calls, added up over the rows that answer
 * the filter, each with whether fine buckets count it too: that flag lives on the bucket's head
 * row, read in the same statement.
 */
export async function coarseCounts(
  db: Database,
  organizationId: string,
  dimensions: FilterDimensions,
  level: Level,
  range: BucketRange,
): Promise<Array<BucketCount & { refined: boolean }>> {
  const heads = rowsOf(db, organizationId, HEAD, level, range);
  // Without a filter the heads are the counts; with one, the heads only lend their flags.
  const query =
    dimensions.mask === 0
      ? sql<CoarseRow>`select bucket, n, refined from call_counts where ${heads} order by bucket`
      : sql<CoarseRow>`
          select bucket, sum(n) as n, max(refined) as refined from (
            select bucket, n, 0 as refined from call_counts where ${rowsOf(db, organizationId, dimensions, level, range)}
            union all
            select bucket, 0 as n, refined from call_counts where ${heads}
          ) as counted group by bucket order by bucket`;
  const { rows } = await query.execute(db);
  return rows.map((row) => ({ bucket: Number(row.bucket), n: Number(row.n), refined: row.refined === 1 }));
}

/** The buckets of one level within any of the ranges holding matching calls, added up over the rows that answer the filter. */
export async function bucketCounts(
  db: Database,
  organizationId: string,
  dimensions: FilterDimensions,
  level: Level,
  ranges: BucketRange[],
): Promise<BucketCount[]> {
  if (ranges.length === 0) return [];
  const within = sql.join(
    ranges.map((range) => sql`(${rowsOf(db, organizationId, dimensions, level, range)})`),
    sql` or `,
  );
  const { rows } = await sql<{ bucket: number; n: number | string }>`
    select bucket, sum(n) as n from call_counts where ${within} group by bucket order by bucket`.execute(db);
  return rows.map((row) => ({ bucket: Number(row.bucket), n: Number(row.n) })).filter((row) => row.n > 0);
}
