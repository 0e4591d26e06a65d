import type { Database } from '../db/database.js';

export async function insertChunk(db: Database, blobId: string, seq: number, data: Buffer, now: number): Promise<void> {
  await db.insertInto('recording_chunks').values({ blob_id: blobId, seq, data, created_at: now }).execute();
}

export async function findChunk(db: Database, blobId: string, seq: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('recording_chunks').select('data').where('blob_id', '=', blobId).where('seq', '=', seq).executeTakeFirst();
  return row?.data;
}

export async function deleteChunks(db: Database, blobIds: string[]): Promise<void> {
  if (blobIds.length > 0) await db.deleteFrom('recording_chunks').where('blob_id', 'in', blobIds).execute();
}

/** Chunks of uploads that never got a recording row (cut short by a crash), written before `before`. */
export async function deleteUnreferencedChunks(db: Database, before: number): Promise<number> {
  const result = await db
    .deleteFrom('recording_chunks')
    .where('created_at', '<', before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('call_recordings as r')
            .select('r.storage_key')
            .where('r.storage', '=', 'database')
            .whereRef('r.storage_key', '=', 'recording_chunks.blob_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
