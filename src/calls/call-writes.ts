import type { Database } from '../db/database.js';
import { IDS_PER_STATEMENT, statementSlices } from '../db/statement-slices.js';
import { deleteRecordings, type RecordingLocation } from '../recordings/recordings.repository.js';
import { isUuid } from '../shared/ids.js';
import { DEFAULT_REFINE_ABOVE } from './call-count-keys.js';
import { applyCountChanges } from './call-counting.js';
import { indexCalls } from './call-search.repository.js';
import { deleteCallRows, insertCallsIgnoringDuplicates, insertTranscripts, lockCalls, type CallRow, type TranscriptRow } from './calls.repository.js';
import { searchDocument } from './search-words.js';

/**
 * Every change to the calls table goes through here, so neither the counters List Calls reads nor
 * the search index can miss one. Each function must run inside the caller's transaction (`trx`): the calls and their
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
 * Inserts calls with their transcripts and search entries, passing over external ids the
 * organization already holds, and returns the ids inserted. The counters come last: on PostgreSQL a bucket's head stays locked
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
  await indexCalls(
    trx,
    stored.map(({ row, transcript }) => ({ organizationId, callId: row.id, words: searchDocument(row.summary, transcript) })),
  );
  await applyCountChanges(
    trx,
    organizationId,
    stored.map(({ row }) => ({ call: row, delta: 1 as const })),
    splitAbove,
  );
  return inserted;
}

export interface DeletedCalls {
  /** The ids deleted, in id order: fewer than asked when some were not the organization's or already gone. */
  ids: string[];
  /** Recordings whose bytes outlive the rows in files, to unlink once the transaction has committed. */
  recordings: RecordingLocation[];
}

/**
 * The one way calls are deleted: with their transcripts, search entries and recordings (database
 * chunks included), keeping every counter exact, in the caller's transaction. Ids that the
 * organization does not hold (or that are already gone) are passed over; any number of ids is
 * fine. Files of recordings are returned for removal after the commit, so a crash in between
 * leaves unreferenced files, never rows without their bytes.
 *
 * The calls are locked in id order first, so two deletions of overlapping sets wait for each
 * other instead of deadlocking, and a recording stored concurrently lands before this deletion
 * (and is returned for unlinking) or after it (and finds no call), never unseen in between.
 */
export async function deleteCalls(trx: Database, organizationId: string, callIds: readonly string[]): Promise<DeletedCalls> {
  requireTransaction(trx, 'deleteCalls');
  const ids = [...new Set(callIds)].filter(isUuid).sort();
  const recordings: RecordingLocation[] = [];
  const deleted: Awaited<ReturnType<typeof deleteCallRows>> = [];
  for (const chunk of statementSlices(ids, IDS_PER_STATEMENT)) {
    await lockCalls(trx, organizationId, chunk);
    recordings.push(...(await deleteRecordings(trx, organizationId, chunk)));
    deleted.push(...(await deleteCallRows(trx, organizationId, chunk)));
  }
  await applyCountChanges(
    trx,
    organizationId,
    deleted.map((call) => ({ call, delta: -1 as const })),
  );
  return { ids: deleted.map((call) => call.id), recordings };
}
