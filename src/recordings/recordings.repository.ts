import type { Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { CallRecordingsTable, RecordingStorageKind } from '../db/tables.js';
import { IDS_PER_STATEMENT, statementSlices } from '../db/statement-slices.js';
import { deleteChunks } from './recording-chunks.repository.js';

export type RecordingRow = Selectable<CallRecordingsTable>;

/** Where a recording's bytes were: what must be removed once its row is gone. */
export interface RecordingLocation {
  storage: RecordingStorageKind;
  storage_key: string;
}

/** A recording for a signed link: the link is the authority, so only the call's liveness is checked. */
export async function findRecordingOfLiveCall(db: Database, callId: string): Promise<RecordingRow | undefined> {
  return db
    .selectFrom('call_recordings as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .selectAll('r')
    .where('r.call_id', '=', callId)
    .where('o.deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Points the call at a new recording, in the caller's transaction, and returns the one it replaced.
 * Chunks of a replaced database recording go in the same transaction; a replaced file is the
 * caller's to unlink after the commit.
 */
export async function replaceRecording(db: Database, row: RecordingRow): Promise<RecordingLocation | undefined> {
  const previous = await db
    .selectFrom('call_recordings')
    .select(['storage', 'storage_key'])
    .where('organization_id', '=', row.organization_id)
    .where('call_id', '=', row.call_id)
    .executeTakeFirst();
  await db
    .insertInto('call_recordings')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['organization_id', 'call_id']).doUpdateSet({
        storage: row.storage,
        storage_key: row.storage_key,
        content_type: row.content_type,
        size_bytes: row.size_bytes,
        created_at: row.created_at,
      }),
    )
    .execute();
  if (previous?.storage === 'database') await deleteChunks(db, [previous.storage_key]);
  return previous;
}

/**
 * Deletes the recordings of these calls with their database chunks, in the caller's transaction;
 * returns where they were, so files can be unlinked after the commit.
 */
export async function deleteRecordings(db: Database, organizationId: string, callIds: string[]): Promise<RecordingLocation[]> {
  if (callIds.length === 0) return [];
  const removed = await db
    .deleteFrom('call_recordings')
    .where('organization_id', '=', organizationId)
    .where('call_id', 'in', callIds)
    .returning(['storage', 'storage_key'])
    .execute();
  await deleteChunks(
    db,
    removed.filter((location) => location.storage === 'database').map((location) => location.storage_key),
  );
  return removed;
}

/** Which of these files a recording row still names. */
export async function referencedFiles(db: Database, keys: string[]): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const slice of statementSlices(keys, IDS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('call_recordings')
      .select('storage_key')
      .where('storage', '=', 'files')
      .where('storage_key', 'in', slice)
      .execute();
    for (const row of rows) referenced.add(row.storage_key);
  }
  return referenced;
}
