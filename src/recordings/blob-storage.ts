import type { Readable } from 'node:stream';
import type { RecordingStorageKind } from '../db/tables.js';

/** Inclusive byte offsets, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredBlob {
  key: string;
  size: number;
}

/**
 * Where a recording's bytes live. Every upload is written under a new key and becomes reachable
 * only when a recording row names that key, so a half-written upload is never visible: readers
 * follow the row, and the row changes in one transaction.
 */
export interface BlobStorage {
  readonly kind: RecordingStorageKind;
  /** Stores the bytes as they arrive and resolves once they are durable; on failure nothing is left reachable. */
  write(source: AsyncIterable<Buffer>): Promise<StoredBlob>;
  /** A stream of the range, or undefined when the key holds nothing (it was replaced or deleted meanwhile). */
  open(key: string, range: ByteRange): Promise<Readable | undefined>;
}
