import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { CallType } from '../db/tables.js';
import { textList } from '../db/text-list.js';
import { matchesWords } from './call-search.repository.js';
import type { CallRow, CallWithAgent } from './calls.repository.js';
import type { CallSort } from './calls.schemas.js';

/** Filters of List Calls, with the agent name already resolved to the organization's agent ids. */
export interface CallFilter {
  callType?: CallType;
  agentIds?: string[];
  intentKey?: string;
  /** The words of `q`, each of which the transcript or summary must hold as a prefix of a word. */
  words?: string[];
  /** Inclusive bounds on the start, in milliseconds. */
  from?: number;
  to?: number;
  /** Only calls recorded at or before this instant: an export's snapshot. */
  createdAtMost?: number;
}

export type SortColumn = 'started_at' | 'duration_seconds';

/** The column and direction of each List Calls sort; ties go by id in the same direction. */
export const sortOrders: Record<CallSort, { column: SortColumn; direction: 'asc' | 'desc' }> = {
  desc: { column: 'started_at', direction: 'desc' },
  asc: { column: 'started_at', direction: 'asc' },
  duration_desc: { column: 'duration_seconds', direction: 'desc' },
  duration_asc: { column: 'duration_seconds', direction: 'asc' },
};

/** A stretch [from, to) of one sort column; an absent end is open. */
export interface ColumnRange {
  column: SortColumn;
  from?: number;
  to?: number;
}

/** The stored fields a List Calls item shows. */
export type CallSummaryRow = Pick<
  CallRow,
  'id' | 'organization_id' | 'call_type' | 'agent_id' | 'phone_number' | 'started_at' | 'ended_at' | 'duration_seconds' | 'user_phone_number' | 'created_at'
> & { agent_name: string | null };

// Written as SQL text rather than built: List Calls runs these on every request, and building
// costs more than the statements themselves. Column names come from the fixed SortColumn set.
function matching(db: Database, organizationId: string, filter: CallFilter, ranges: ColumnRange[]) {
  const conditions = [sql`c.organization_id = ${organizationId}`];
  if (filter.callType !== undefined) conditions.push(sql`c.call_type = ${filter.callType}`);
  if (filter.agentIds !== undefined) conditions.push(sql`c.agent_id in (${textList(db, filter.agentIds)})`);
  if (filter.intentKey !== undefined) conditions.push(sql`c.intent_key = ${filter.intentKey}`);
  if (filter.words !== undefined) conditions.push(matchesWords(db, organizationId, filter.words));
  if (filter.createdAtMost !== undefined) conditions.push(sql`c.created_at <= ${filter.createdAtMost}`);
  // One bound on each side per column: given two, a planner that cannot compare bound values
  // may walk the index from the looser one. The range filter's `to` is inclusive.
  const bounds = new Map<SortColumn, { from: number; to: number }>();
  const startRange: ColumnRange = { column: 'started_at', from: filter.from, to: filter.to === undefined ? undefined : filter.to + 1 };
  for (const range of [startRange, ...ranges]) {
    const known = bounds.get(range.column) ?? { from: -Infinity, to: Infinity };
    bounds.set(range.column, { from: Math.max(known.from, range.from ?? -Infinity), to: Math.min(known.to, range.to ?? Infinity) });
  }
  for (const [column, { from, to }] of bounds) {
    if (Number.isFinite(from)) conditions.push(sql`${sql.ref(`c.${column}`)} >= ${from}`);
    if (Number.isFinite(to)) conditions.push(sql`${sql.ref(`c.${column}`)} < ${to}`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * The organization's calls (as `c`) that pass the filter, for the queries that are built rather
 * than written out (statistics, search, export); the condition is the same one List Calls uses.
 */
export function matchingCalls(db: Database, organizationId: string, filter: CallFilter) {
  return db.selectFrom('calls as c').where(sql<boolean>`${matching(db, organizationId, filter, [])}`);
}

/**
 * How many calls pass the filter, counted by the database (no row leaves it): the export's total,
 * and List Calls' with `q`, which no counter answers. The export's snapshot bound on created_at is
 * in no index, so this visits the organization's calls.
 */
export async function countCalls(db: Database, organizationId: string, filter: CallFilter): Promise<number> {
  const { count } = await matchingCalls(db, organizationId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Where a keyset walk stopped: the sort column's value and the id of the last call returned. */
export interface CallCursor {
  value: number;
  id: string;
}

export function cursorOf(call: CallRow, sort: CallSort): CallCursor {
  return { value: call[sortOrders[sort].column], id: call.id };
}

/**
 * Matching calls in List Calls' order, starting after a cursor or skipping `offset`. The export
 * walks by cursor, a range scan of the sort's index from where the last batch ended, so every batch
 * costs the same however deep the walk goes; List Calls with `q` skips to its page.
 */
export async function listCallsAfter(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  page: { sort: CallSort; limit: number; after?: CallCursor; offset?: number },
): Promise<CallWithAgent[]> {
  const { column, direction } = sortOrders[page.sort];
  let query = matchingCalls(db, organizationId, filter);
  const { after } = page;
  if (after !== undefined) {
    query = query.where((eb) => eb(eb.refTuple(`c.${column}`, 'c.id'), direction === 'asc' ? '>' : '<', eb.tuple(after.value, after.id)));
  }
  return query
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .selectAll('c')
    .select('a.name as agent_name')
    .orderBy(`c.${column}`, direction)
    .orderBy('c.id', direction)
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

/** The number of matching calls within each range, read from the index, in one statement. */
export async function countCallsWithin(db: Database, organizationId: string, filter: CallFilter, ranges: ColumnRange[]): Promise<number[]> {
  if (ranges.length === 0) return [];
  const counts = ranges.map((range, index) => sql`(select count(*) from calls c where ${matching(db, organizationId, filter, [range])}) as ${sql.ref(`n${index}`)}`);
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(counts)}`.execute(db);
  return ranges.map((_, index) => Number(rows[0]?.[`n${index}`]));
}

/**
 * One page of matching calls within `ranges`, ordered by `column` then id, skipping `offset`. The
 * page's ids are found in the sort column's index alone, which carries the filter columns; only
 * the calls of the page are then read. Asked for `id in (page)` rather than a join, both planners
 * look up the page's calls one by one; asked to join and order, SQLite may instead walk the whole
 * organization. The twenty calls are put back in order here.
 */
export async function listCallsWithin(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  ranges: ColumnRange[],
  page: { column: SortColumn; direction: 'asc' | 'desc'; limit: number; offset: number },
): Promise<CallSummaryRow[]> {
  const direction = sql.raw(page.direction);
  const { rows } = await sql<CallSummaryRow>`
    select c.id, c.organization_id, c.call_type, c.agent_id, c.phone_number, c.started_at, c.ended_at,
      c.duration_seconds, c.user_phone_number, c.created_at, a.name as agent_name
    from calls c left join agents a on a.organization_id = c.organization_id and a.id = c.agent_id
    where c.organization_id = ${organizationId} and c.id in (
      select c.id from calls c where ${matching(db, organizationId, filter, ranges)}
      order by ${sql.ref(`c.${page.column}`)} ${direction}, c.id ${direction} limit ${page.limit} offset ${page.offset}
    )`.execute(db);
  const sign = page.direction === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * (a[page.column] - b[page.column] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
