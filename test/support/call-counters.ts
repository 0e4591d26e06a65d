import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { expectedCounterRows, type ModelCall } from './calls-model.js';

/** The store's counter rows, and the coarse buckets it has split, for one organization. */
export async function storedCounters(db: Database, organizationId: string) {
  const rows = await db.selectFrom('call_counts').selectAll().where('organization_id', '=', organizationId).execute();
  const split = new Set(rows.filter((row) => row.mask === 0 && row.refined === 1).map((row) => `${row.level}|${row.bucket}`));
  const counts = new Map(rows.map((row) => [JSON.stringify([row.mask, row.call_type, row.agent_id, row.intent_key, row.level, Number(row.bucket)]), Number(row.n)]));
  return { split, counts };
}

/** Every counter row of the organization is exactly what its calls make it; none is missing or left over. */
export async function expectCountersExact(db: Database, organizationId: string, calls: ModelCall[]): Promise<void> {
  const { split, counts } = await storedCounters(db, organizationId);
  expect(counts).toEqual(expectedCounterRows(calls, split));
}

/** The organization's calls as the model knows them, read back from the store. */
export async function storedModelCalls(db: Database, organizationId: string): Promise<ModelCall[]> {
  const rows = await db
    .selectFrom('calls as c')
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .select(['c.id', 'c.call_type', 'c.agent_id', 'a.name', 'c.user_primary_intent', 'c.started_at', 'c.duration_seconds'])
    .where('c.organization_id', '=', organizationId)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    callType: row.call_type,
    agentId: row.agent_id,
    agentName: row.name ?? '',
    intent: row.user_primary_intent,
    startedAt: Number(row.started_at),
    duration: Number(row.duration_seconds),
  }));
}
