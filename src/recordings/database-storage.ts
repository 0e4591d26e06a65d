import { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { BlobStorage, ByteRange, StoredBlob } from './blob-storage.js';
import { deleteChunks, findChunk, insertChunk } from './recording-chunks.repository.js';

/** Small enough that one chunk in memory is nothing, large enough that a 200 MB file is a few hundred rows. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * Recordings in the database itself, for several API instances without a shared disk. Each chunk
 * is written and read by a statement of its own, so neither an upload nor a download holds more
 * than one chunk in memory or keeps a transaction open while the client is slow.
 */
export class DatabaseStorage implements BlobStorage {
  readonly kind = 'database' as const;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async write(source: AsyncIterable<Buffer>): Promise<StoredBlob> {
    const blobId = newId();
    let seq = 0;
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (data: Buffer) => {
      await insertChunk(this.db, blobId, seq, data, this.clock.now());
      seq += 1;
    };
    try {
      for await (const piece of source) {
        size += piece.length;
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending, pendingBytes);
          await flush(joined.subarray(0, CHUNK_BYTES));
          pending = pendingBytes > CHUNK_BYTES ? [joined.subarray(CHUNK_BYTES)] : [];
          pendingBytes -= CHUNK_BYTES;
        }
      }
      if (pendingBytes > 0) await flush(Buffer.concat(pending, pendingBytes));
    } catch (error) {
      await deleteChunks(this.db, [blobId]).catch(() => undefined);
      throw error;
    }
    return { key: blobId, size };
  }

  async open(key: string, range: ByteRange): Promise<Readable | undefined> {
    const { db } = this;
    const first = Math.floor(range.start / CHUNK_BYTES);
    const last = Math.floor(range.end / CHUNK_BYTES);
    // The range's first chunk tells whether the key still holds a recording, and is the first one sent.
    const firstData = await findChunk(db, key, first);
    if (firstData === undefined) return undefined;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = first; seq <= last; seq += 1) {
        const data = seq === first ? firstData : await findChunk(db, key, seq);
        // Replaced or deleted while this download ran: end it as a failed transfer rather than
        // letting the client take a short body, or another recording's bytes, for the whole.
        if (data === undefined) throw new Error(`recording chunk ${seq} is gone`);
        const from = seq === first ? range.start - seq * CHUNK_BYTES : 0;
        const to = seq === last ? range.end - seq * CHUNK_BYTES + 1 : data.length;
        yield data.subarray(from, to);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }
}
