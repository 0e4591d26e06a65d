import type { Database } from '../db/database.js';
import { DEFAULT_REFINE_ABOVE } from './call-count-keys.js';
import { applyCountChanges } from './call-counting.js';
import { deleteCallRows, insertCallsIgnoringDuplicates, type CallRow } from './calls.repository.js';

/**
 * Every change to the calls table goes through here, so the counters List Calls reads can never
 * miss one. Each function must run inside the caller's transaction (`trx`): the calls and their
 * counters commit or roll back together.
 */

/** Inserts calls, passing over external ids the organization already holds; returns the ids inserted. */
export async function insertCalls(trx: Database, organizationId: string, rows: CallRow[], splitAbove = DEFAULT_REFINE_ABOVE): Promise<Set<string>> {
  const inserted = await insertCallsIgnoringDuplicates(trx, rows);
  const changes = rows.filter((row) => inserted.has(row.id)).map((call) => ({ call, delta: 1 as const }));
  await applyCountChanges(trx, organizationId, changes, splitAbove);
  return inserted;
}

/**
 * Deletes calls of one organization by id, their transcripts with them, and keeps every counter
 * exact in the same transaction. Ids that the organization does not hold (or that are already
 * gone) are passed over. Returns the ids actually deleted, in id order.
 *
 * Rows are locked in id order first, so two deletions of overlapping sets wait for each other
 * instead of deadlocking. Safe for any number of ids: they are worked through in chunks.
 */
export async function deleteCalls(trx: Database, organizationId: string, callIds: readonly string[]): Promise<string[]> {
  const deleted = await deleteCallRows(trx, organizationId, [...new Set(callIds)]);
  await applyCountChanges(
    trx,
    organizationId,
    deleted.map((call) => ({ call, delta: -1 as const })),
  );
  return deleted.map((call) => call.id);
}
