import type { Database } from '../db/database.js';
import { DEFAULT_REFINE_ABOVE } from './call-count-keys.js';
import { applyCountChanges } from './call-counting.js';
import { deleteCallRows, insertCallsIgnoringDuplicates, insertTranscripts, type CallRow, type TranscriptRow } from './calls.repository.js';

/**
 * Every change to the calls table goes through here, so the counters List Calls reads can never
 * miss one. Each function must run inside the caller's transaction (`trx`): the calls and their
 * counters commit or roll back together.
 */

/** Counters kept outside the transaction of their calls could disagree with them after a failure. */
function requireTransaction(trx: Database, name: string): void {
  if (!trx.isTransaction) throw new Error(`${name} must run inside a transaction`);
}

/** A call to store, with its transcript when it has one. */
export interface NewCall {
  row: CallRow;
  transcript: Omit<TranscriptRow, 'organization_id' | 'call_id'> | undefined;
}

/**
 * Inserts calls with their transcripts, passing over external ids the organization already holds,
 * and returns the ids inserted. The counters come last: on PostgreSQL a bucket's head stays locked
 * from then until commit, so other writers to that bucket wait as briefly as possible.
 */
export async function insertCalls(trx: Database, organizationId: string, calls: NewCall[], splitAbove = DEFAULT_REFINE_ABOVE): Promise<Set<string>> {
  requireTransaction(trx, 'insertCalls');
  const inserted = await insertCallsIgnoringDuplicates(
    trx,
    organizationId,
    calls.map((call) => call.row),
  );
  const stored = calls.filter((call) => inserted.has(call.row.id));
  const transcripts: TranscriptRow[] = [];
  for (const { row, transcript } of stored) if (transcript !== undefined) transcripts.push({ organization_id: organizationId, call_id: row.id, ...transcript });
  await insertTranscripts(trx, transcripts);
  await applyCountChanges(
    trx,
    organizationId,
    stored.map(({ row }) => ({ call: row, delta: 1 as const })),
    splitAbove,
  );
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
  requireTransaction(trx, 'deleteCalls');
  const deleted = await deleteCallRows(trx, organizationId, [...new Set(callIds)]);
  await applyCountChanges(
    trx,
    organizationId,
    deleted.map((call) => ({ call, delta: -1 as const })),
  );
  return deleted.map((call) => call.id);
}
