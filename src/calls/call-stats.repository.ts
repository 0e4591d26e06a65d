import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { CallType } from '../db/tables.js';
import { DAY_MS, type OffsetSpan } from '../shared/local-days.js';
import { matchingCalls, type CallFilter } from './call-listing.repository.js';

/** The percentile reported, by nearest rank. */
export const PERCENTILE = 90;

/**
 * Days are counted from a shifted epoch so that integer division, which truncates on both
 * databases, floors for instants before 1970 too. A million days reach back past year 0.
 */
const SHIFT_DAYS = 1_000_000;

/** The day number of an instant, in UTC or, with its offset added, in local time. */
const dayOf = (instant: RawBuilder<number>) => sql<number>`(${instant} + ${sql.lit(SHIFT_DAYS * DAY_MS)}) / ${sql.lit(DAY_MS)} - ${sql.lit(SHIFT_DAYS)}`;

/**
 * The local day number of each call's start: its instant plus the offset in force then, in whole
 * days. The spans are few and computed here, so they are written as literals, which also lets
 * PostgreSQL see the grouped expression as the selected one.
 */
function localDay(spans: OffsetSpan[]): RawBuilder<number> {
  const [first, ...later] = spans;
  const offset =
    later.length === 0
      ? sql.lit(first!.offsetMs)
      : sql`case ${sql.join(
          later.reverse().map((span) => sql`when c.started_at >= ${sql.lit(span.from)} then ${sql.lit(span.offsetMs)}`),
          sql` `,
        )} else ${sql.lit(first!.offsetMs)} end`;
  return dayOf(sql<number>`c.started_at + ${offset}`);
}

/** The 1-based rank of the nearest-rank percentile among `count` values: ceil(p × count / 100), in integers. */
const nearestRank = (count: Expression<number>) => sql<number>`(${sql.lit(PERCENTILE)} * ${count} + 99) / 100`;

/** The UTC days on which matching calls start, in ascending order. */
export async function callDays(db: Database, organizationId: string, filter: CallFilter): Promise<number[]> {
  const day = dayOf(sql<number>`c.started_at`);
  const rows = await matchingCalls(db, organizationId, filter).select(day.as('day')).groupBy(day).execute();
  return rows.map((row) => Number(row.day)).sort((a, b) => a - b);
}

export async function callsByDayAndType(db: Database, organizationId: string, filter: CallFilter, spans: OffsetSpan[]) {
  const day = localDay(spans);
  const rows = await matchingCalls(db, organizationId, filter)
    .select((eb) => [day.as('day'), 'c.call_type', eb.fn.countAll<number>().as('calls')])
    .groupBy([day, 'c.call_type'])
    .execute();
  return rows.map((row) => ({ day: Number(row.day), callType: row.call_type as CallType, calls: Number(row.calls) }));
}

export async function callsByAgent(db: Database, organizationId: string, filter: CallFilter) {
  const rows = await matchingCalls(db, organizationId, filter)
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .select((eb) => ['c.agent_id', 'a.name', eb.fn.countAll<number>().as('calls'), eb.fn.sum<number>('c.duration_seconds').as('seconds')])
    .groupBy(['c.agent_id', 'a.name'])
    .execute();
  // PostgreSQL sums bigints as numeric, which its driver hands over as text.
  return rows.map((row) => ({ agentId: row.agent_id, agentName: row.name, calls: Number(row.calls), seconds: Number(row.seconds) }));
}

/** The nearest-rank percentile duration of all matching calls, and of each agent's. */
export async function percentileDurations(db: Database, organizationId: string, filter: CallFilter) {
  const ranked = matchingCalls(db, organizationId, filter)
    .select((eb) => [
      'c.agent_id',
      'c.duration_seconds',
      eb.fn.agg<number>('row_number').over((over) => over.orderBy('c.duration_seconds')).as('overall_position'),
      eb.fn.countAll<number>().over().as('overall_calls'),
      eb.fn.agg<number>('row_number').over((over) => over.partitionBy('c.agent_id').orderBy('c.duration_seconds')).as('agent_position'),
      eb.fn.countAll<number>().over((over) => over.partitionBy('c.agent_id')).as('agent_calls'),
    ])
    .as('ranked');
  const rows = await db
    .selectFrom(ranked)
    .select((eb) => [
      'agent_id',
      'duration_seconds',
      'overall_position',
      nearestRank(eb.ref('overall_calls')).as('overall_rank'),
      'agent_position',
      nearestRank(eb.ref('agent_calls')).as('agent_rank'),
    ])
    .where((eb) =>
      eb.or([
        eb('overall_position', '=', nearestRank(eb.ref('overall_calls'))),
        eb('agent_position', '=', nearestRank(eb.ref('agent_calls'))),
      ]),
    )
    .execute();
  const byAgent = new Map<string, number>();
  let overall: number | null = null;
  for (const row of rows) {
    if (Number(row.overall_position) === Number(row.overall_rank)) overall = Number(row.duration_seconds);
    if (Number(row.agent_position) === Number(row.agent_rank)) byAgent.set(row.agent_id, Number(row.duration_seconds));
  }
  return { overall, byAgent };
}

/** Calls by the exact text of a free-text field; null collects the calls without one. */
export async function callsByValue(db: Database, organizationId: string, filter: CallFilter, field: 'user_primary_intent' | 'user_sentiment') {
  const rows = await matchingCalls(db, organizationId, filter)
    .select((eb) => [eb.ref(`c.${field}`).as('value'), eb.fn.countAll<number>().as('calls')])
    .groupBy(`c.${field}`)
    .execute();
  return rows.map((row) => ({ value: row.value, calls: Number(row.calls) }));
}
