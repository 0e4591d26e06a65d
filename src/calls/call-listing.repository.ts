import type { Database } from '../db/database.js';
import type { CallType } from '../db/tables.js';
import type { CallRow } from './calls.repository.js';

/** Filters of List Calls, with the agent name already resolved to the organization's agent ids. */
export interface CallFilter {
  callType?: CallType;
  agentIds?: string[];
  intentKey?: string;
  /** Inclusive bounds on the start, in milliseconds. */
  from?: number;
  to?: number;
}

export type SortColumn = 'started_at' | 'duration_seconds';

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

function matchingCalls(db: Database, organizationId: string, filter: CallFilter, ranges: ColumnRange[]) {
  let query = db.selectFrom('calls as c').where('c.organization_id', '=', organizationId);
  if (filter.callType !== undefined) query = query.where('c.call_type', '=', filter.callType);
  if (filter.agentIds !== undefined) query = query.where('c.agent_id', 'in', filter.agentIds);
  if (filter.from !== undefined) query = query.where('c.started_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('c.started_at', '<=', filter.to);
  if (filter.intentKey !== undefined) query = query.where('c.intent_key', '=', filter.intentKey);
  for (const range of ranges) {
    if (range.from !== undefined) query = query.where(`c.${range.column}`, '>=', range.from);
    if (range.to !== undefined) query = query.where(`c.${range.column}`, '<', range.to);
  }
  return query;
}

/** The number of matching calls within each range, read from the index, in one statement. */
export async function countCallsWithin(db: Database, organizationId: string, filter: CallFilter, ranges: ColumnRange[]): Promise<number[]> {
  if (ranges.length === 0) return [];
  const row = await db
    .selectNoFrom((eb) =>
      ranges.map((range, index) =>
        matchingCalls(db, organizationId, filter, [range])
          .select(eb.fn.countAll<number>().as('n'))
          .$asScalar()
          .as(`n${index}`),
      ),
    )
    .executeTakeFirstOrThrow();
  return ranges.map((_, index) => Number((row as Record<string, unknown>)[`n${index}`]));
}

/** One page of matching calls within `ranges`, ordered by `column` then id, skipping `offset`. */
export async function listCallsWithin(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  ranges: ColumnRange[],
  page: { column: SortColumn; direction: 'asc' | 'desc'; limit: number; offset: number },
): Promise<CallSummaryRow[]> {
  return matchingCalls(db, organizationId, filter, ranges)
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .select([
      'c.id',
      'c.organization_id',
      'c.call_type',
      'c.agent_id',
      'c.phone_number',
      'c.started_at',
      'c.ended_at',
      'c.duration_seconds',
      'c.user_phone_number',
      'c.created_at',
      'a.name as agent_name',
    ])
    .orderBy(`c.${page.column}`, page.direction)
    .orderBy('c.id', page.direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
