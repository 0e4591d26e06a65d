import type { Database } from '../db/database.js';
import { deleteUnreferencedChunks } from './recording-chunks.repository.js';
import type { RecordingStores } from './recording-stores.js';
import { referencedFiles } from './recordings.repository.js';

/** Long enough that no upload still streaming in is mistaken for garbage. */
const GARBAGE_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes recording bytes that no row names: an upload cut short by a crash, or a file whose row
 * a committed deletion removed before the process could unlink it. Returns how many went.
 */
export async function collectRecordingGarbage(db: Database, stores: RecordingStores, now: number): Promise<number> {
  const before = now - GARBAGE_AGE_MS;
  const files = await stores.files.collectGarbage((keys) => referencedFiles(db, keys), before);
  return files + (await deleteUnreferencedChunks(db, before));
}
