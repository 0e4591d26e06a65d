import type { Database } from '../db/database.js';
import type { OrganizationRow } from '../organizations/organizations.repository.js';
import { formatInstant } from '../shared/instants.js';
import { foldCase } from '../shared/like-pattern.js';
import { localDate, offsetsOnDays } from '../shared/local-days.js';
import { callFilterFor } from './call-filter.js';
import type { Breakdown, CallStats, CallStatsQuery, DurationStats } from './call-stats.schemas.js';
import { callDays, callsByAgent, callsByDayAndType, callsByValue, percentileDurations } from './call-stats.repository.js';
import type { CallFilter } from './call-listing.repository.js';

/** Values a breakdown lists by name; the rest are summed up as others. */
const TOP_VALUES = 10;

const share = (calls: number, total: number) => (total === 0 ? 0 : Math.round((calls / total) * 10_000) / 10_000);

function durationStats(calls: number, totalSeconds: number, p90Seconds: number | undefined | null): DurationStats {
  return {
    totalSeconds,
    averageSeconds: calls === 0 ? null : Math.round((totalSeconds / calls) * 10) / 10,
    p90Seconds: calls === 0 ? null : (p90Seconds ?? null),
  };
}

/** Code-point order with null last: the same on every machine, unlike a locale's. */
function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null || b === null) return a === null ? 1 : -1;
  return a < b ? -1 : 1;
}

/**
 * Folds spellings that differ only in case into one value, named by its most frequent spelling (the
 * first in code-point order on a tie), so both databases, whatever their collation, agree.
 */
function breakdownOf(rows: Array<{ value: string | null; calls: number }>, total: number): Breakdown {
  const groups = new Map<string | null, { calls: number; spellings: Array<{ value: string; calls: number }> }>();
  for (const row of rows) {
    const key = row.value === null ? null : foldCase(row.value);
    const group = groups.get(key) ?? { calls: 0, spellings: [] };
    group.calls += row.calls;
    if (row.value !== null) group.spellings.push({ value: row.value, calls: row.calls });
    groups.set(key, group);
  }
  const values = [...groups].map(([key, group]) => {
    const [spelling] = group.spellings.sort((a, b) => b.calls - a.calls || byKey(a.value, b.value));
    return { key, value: spelling?.value ?? null, calls: group.calls };
  });
  values.sort((a, b) => b.calls - a.calls || byKey(a.key, b.key));
  const top = values.slice(0, TOP_VALUES).map(({ value, calls }) => ({ value, calls, share: share(calls, total) }));
  const rest = values.slice(TOP_VALUES);
  const otherCalls = rest.reduce((sum, entry) => sum + entry.calls, 0);
  return { top, others: { values: rest.length, calls: otherCalls, share: share(otherCalls, total) } };
}

function header(organization: OrganizationRow, query: CallStatsQuery) {
  return {
    organizationId: organization.id,
    timezone: organization.timezone,
    from: query.from === undefined ? null : formatInstant(query.from),
    to: query.to === undefined ? null : formatInstant(query.to),
  };
}

function emptyStats(organization: OrganizationRow, query: CallStatsQuery): CallStats {
  const none = { top: [], others: { values: 0, calls: 0, share: 0 } };
  return {
    ...header(organization, query),
    calls: 0,
    duration: durationStats(0, 0, null),
    days: [],
    intents: none,
    sentiments: none,
    agents: [],
  };
}

/**
 * Calls per local day. The time zone's offsets are looked up for the days that hold calls only, so
 * neither a range reaching over millennia nor a few calls dated far apart make it slow.
 */
async function daysOf(db: Database, organization: OrganizationRow, filter: CallFilter): Promise<CallStats['days']> {
  const utcDays = await callDays(db, organization.id, filter);
  if (utcDays.length === 0) return [];
  const spans = offsetsOnDays(organization.timezone, utcDays);
  const byDay = new Map<number, CallStats['days'][number]>();
  for (const row of await callsByDayAndType(db, organization.id, filter, spans)) {
    const day = byDay.get(row.day) ?? { date: localDate(row.day), calls: 0, byType: { Inbound: 0, Outbound: 0, Web: 0 } };
    day.calls += row.calls;
    day.byType[row.callType] += row.calls;
    byDay.set(row.day, day);
  }
  return [...byDay].sort(([a], [b]) => a - b).map(([, day]) => day);
}

/**
 * The figures behind the dashboard's analytics, for the calls List Calls would select. Read in one
 * snapshot, so every figure counts the same calls even while new ones arrive.
 */
export async function callStatistics(db: Database, organization: OrganizationRow, query: CallStatsQuery): Promise<CallStats> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const filter = await callFilterFor(trx, organization.id, query);
      if (filter === undefined) return emptyStats(organization, query);
      const agents = await callsByAgent(trx, organization.id, filter);
      const calls = agents.reduce((sum, agent) => sum + agent.calls, 0);
      if (calls === 0) return emptyStats(organization, query);
      const seconds = agents.reduce((sum, agent) => sum + agent.seconds, 0);
      const percentiles = await percentileDurations(trx, organization.id, filter);
      return {
        ...header(organization, query),
        calls,
        duration: durationStats(calls, seconds, percentiles.overall),
        days: await daysOf(trx, organization, filter),
        intents: breakdownOf(await callsByValue(trx, organization.id, filter, 'user_primary_intent'), calls),
        sentiments: breakdownOf(await callsByValue(trx, organization.id, filter, 'user_sentiment'), calls),
        agents: agents
          .sort((a, b) => b.calls - a.calls || byKey(a.agentId, b.agentId))
          .map((agent) => ({
            agentId: agent.agentId,
            agentName: agent.agentName,
            calls: agent.calls,
            duration: durationStats(agent.calls, agent.seconds, percentiles.byAgent.get(agent.agentId)),
          })),
      };
    });
}
