import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { CountDimensions, Level } from './call-count-keys.js';

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

function chunks<T>(items: T[]): T[][] {
  const all: T[][] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) all.push(items.slice(start, start + ROWS_PER_STATEMENT));
  return all;
}

function upsert(db: Database, organizationId: string, deltas: CountDelta[]) {
  return db
    .insertInto('call_counts')
    .values(
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
      })),
    )
    .onConflict((conflict) => conflict.columns([...KEY_COLUMNS]).doUpdateSet((eb) => ({ n: eb('call_counts.n', '+', eb.ref('excluded.n')) })));
}

/**
 * Adds to head rows in the order given. On PostgreSQL each head stays locked until commit, and a
 * transaction touches a bucket's other rows only while it holds that bucket's head, so writers
 * taking heads in one global order can neither deadlock nor interleave within a bucket.
 */
export async function addToHeads(db: Database, organizationId: string, heads: CountDelta[]): Promise<HeadState[]> {
  const states: HeadState[] = [];
  for (const chunk of chunks(heads)) {
    const rows = await upsert(db, organizationId, chunk).returning(['level', 'bucket', 'n', 'refined']).execute();
    for (const row of rows) states.push({ level: row.level as Level, bucket: Number(row.bucket), n: Number(row.n), refined: row.refined === 1 });
  }
  return states;
}

export async function addToCounts(db: Database, organizationId: string, deltas: CountDelta[]): Promise<void> {
  for (const chunk of chunks(deltas)) await upsert(db, organizationId, chunk).execute();
}

/** Removes rows that fell to zero among those given, so deleted history leaves no counters behind. */
export async function deleteEmptyCounts(db: Database, organizationId: string, keys: CountDelta[]): Promise<void> {
  for (const chunk of chunks(keys)) {
    const values = sql.join(
      chunk.map(
        (k) =>
          sql`(cast(${k.mask} as integer), cast(${k.call_type} as text), cast(${k.agent_id} as text), cast(${k.intent_key} as text), cast(${k.level} as integer), cast(${k.bucket} as bigint))`,
      ),
    );
    await db
      .deleteFrom('call_counts')
      .where('organization_id', '=', organizationId)
      .where('n', '=', 0)
      .where(sql<boolean>`(mask, call_type, agent_id, intent_key, level, bucket) in (values ${values})`)
      .execute();
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

export async function deleteCountsOf(db: Database, organizationId: string): Promise<void> {
  await db.deleteFrom('call_counts').where('organization_id', '=', organizationId).execute();
}

/** Buckets of one level within [from, to), summed over the given dimensions (several agents add up). */
export async function bucketCounts(
  db: Database,
  organizationId: string,
  dimensions: CountDimensions[],
  level: Level,
  range: { from?: number; to?: number } = {},
): Promise<BucketCount[]> {
  const [first] = dimensions;
  if (first === undefined) return [];
  let query = db
    .selectFrom('call_counts')
    .select(['bucket', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('organization_id', '=', organizationId)
    .where('mask', '=', first.mask)
    .where('call_type', '=', first.call_type)
    .where('agent_id', 'in', dimensions.map((d) => d.agent_id))
    .where('intent_key', '=', first.intent_key)
    .where('level', '=', level);
  if (range.from !== undefined) query = query.where('bucket', '>=', range.from);
  if (range.to !== undefined) query = query.where('bucket', '<', range.to);
  const rows = await query.groupBy('bucket').orderBy('bucket').execute();
  return rows.map((row) => ({ bucket: Number(row.bucket), n: Number(row.n) }));
}

/** The coarse buckets within [from, to) that fine buckets count too. */
export async function refinedBuckets(db: Database, organizationId: string, level: Level, range: { from?: number; to?: number } = {}): Promise<Set<number>> {
  let query = db
    .selectFrom('call_counts')
    .select('bucket')
    .where('organization_id', '=', organizationId)
    .where('mask', '=', 0)
    .where('call_type', '=', '')
    .where('agent_id', '=', '')
    .where('intent_key', '=', '')
    .where('level', '=', level)
    .where('refined', '=', 1);
  if (range.from !== undefined) query = query.where('bucket', '>=', range.from);
  if (range.to !== undefined) query = query.where('bucket', '<', range.to);
  const rows = await query.execute();
  return new Set(rows.map((row) => Number(row.bucket)));
}
