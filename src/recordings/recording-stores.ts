import type { RecordingsConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { RecordingStorageKind } from '../db/tables.js';
import type { Clock } from '../shared/clock.js';
import type { BlobStorage } from './blob-storage.js';
import { DatabaseStorage } from './database-storage.js';
import { FileStorage } from './file-storage.js';
import { deleteChunks } from './recording-chunks.repository.js';
import type { RecordingLocation } from './recordings.repository.js';

/**
 * Both backends, always: new uploads go to the configured one, and a recording is read from the
 * one its row names, so changing RECORDING_STORAGE strands nothing already stored.
 */
export class RecordingStores {
  readonly files: FileStorage;
  readonly database: DatabaseStorage;
  readonly limitBytes: number;

  constructor(
    private readonly db: Database,
    clock: Clock,
    private readonly config: RecordingsConfig,
  ) {
    this.files = new FileStorage(config.directory);
    this.database = new DatabaseStorage(db, clock);
    this.limitBytes = config.limitBytes;
  }

  get writer(): BlobStorage {
    return this.of(this.config.storage);
  }

  of(kind: RecordingStorageKind): BlobStorage {
    return kind === 'files' ? this.files : this.database;
  }

  /**
   * Unlinks the files of recordings whose rows a committed transaction removed (database chunks
   * went in that transaction). A crash before this leaves files no row names: garbage that
   * `collectGarbage` clears, never a row without its bytes.
   */
  async removeAfterCommit(locations: RecordingLocation[]): Promise<void> {
    await this.files.remove(locations.filter((location) => location.storage === 'files').map((location) => location.storage_key));
  }

  /** Removes bytes that were stored but never became a call's recording. */
  async discard(kind: RecordingStorageKind, key: string): Promise<void> {
    if (kind === 'files') await this.files.remove([key]);
    else await deleteChunks(this.db, [key]);
  }
}
