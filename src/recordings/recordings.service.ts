import type { Readable } from 'node:stream';
import { lockCall } from '../calls/calls.repository.js';
import type { Database } from '../db/database.js';
import { ApiError, invalidField } from '../http/api-error.js';
import type { Clock } from '../shared/clock.js';
import { audioTypes, checkAudioBytes, declaredAudioType, SNIFF_BYTES, type AudioType } from './audio-formats.js';
import { answerRange, type RangeAnswer } from './byte-ranges.js';
import type { RecordingStores } from './recording-stores.js';
import { findRecordingOfLiveCall, replaceRecording, type RecordingRow } from './recordings.repository.js';

export interface Upload {
  contentType: string | undefined;
  contentLength: string | undefined;
  /** The request body as it arrives; undefined when the request had none. */
  body: AsyncIterable<Buffer> | undefined;
  /** Whether the client went away before sending the whole body. */
  cutOff(): boolean;
}

const tooLarge = (limit: number) => new ApiError('payload_too_large', `A recording may be at most ${limit} bytes`);

/** The first bytes of a stream, and the whole stream again (those bytes first) for whoever reads on. */
async function peek(source: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; whole: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const pieces: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    pieces.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(pieces, length);
  async function* whole(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = ended ? undefined : await iterator.next(); next !== undefined && next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { head, whole: whole() };
}

/** Passes bytes through until there are more than `limit` of them, then fails the stream with a 413. */
async function* limited(source: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const piece of source) {
    total += piece.length;
    if (total > limit) throw tooLarge(limit);
    yield piece;
  }
}

/** Refuses a body whose declared type is not audio we keep, or whose size is over the limit before reading it. */
function declaredFormat(upload: Upload, limit: number): AudioType {
  const declared = declaredAudioType(upload.contentType);
  if (declared === undefined) {
    throw new ApiError('unsupported_media_type', `A recording must be sent as one of ${audioTypes.join(', ')}`);
  }
  if (upload.contentLength !== undefined && Number(upload.contentLength) > limit) throw tooLarge(limit);
  return declared;
}

/**
 * Stores a call's recording, replacing any earlier one. The bytes are streamed to storage under a
 * new key; the row that makes them the call's recording changes in one short transaction, so a
 * reader finds the old recording or the new one, whole. Returns whether the call had none before.
 */
export async function storeRecording(
  db: Database,
  clock: Clock,
  stores: RecordingStores,
  call: { organizationId: string; callId: string },
  upload: Upload,
): Promise<{ created: boolean }> {
  const limit = stores.limitBytes;
  const declared = declaredFormat(upload, limit);
  if (upload.body === undefined) throw invalidField('body', 'The recording is empty', 'too_small');
  // A dropped connection breaks the body stream: the client's doing, not a failure of ours.
  const clientLeft = (error: unknown): never => {
    if (!(error instanceof ApiError) && upload.cutOff()) throw invalidField('body', 'The upload ended before the whole recording arrived');
    throw error;
  };
  const { head, whole } = await peek(upload.body, SNIFF_BYTES).catch(clientLeft);
  if (head.length === 0) throw invalidField('body', 'The recording is empty', 'too_small');
  const check = await checkAudioBytes(head, declared);
  if (!check.ok) throw new ApiError('unsupported_media_type', `The body is not ${declared}: its first bytes look like ${check.looksLike}`);

  const storage = stores.writer;
  const stored = await storage.write(limited(whole, limit)).catch(clientLeft);
  let outcome: { callGone: boolean; previous?: Awaited<ReturnType<typeof replaceRecording>> };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      if (!(await lockCall(trx, call.organizationId, call.callId))) return { callGone: true };
      const row: RecordingRow = {
        organization_id: call.organizationId,
        call_id: call.callId,
        storage: storage.kind,
        storage_key: stored.key,
        content_type: declared,
        size_bytes: stored.size,
        created_at: clock.now(),
      };
      return { callGone: false, previous: await replaceRecording(trx, row) };
    });
  } catch (error) {
    await stores.discard(storage.kind, stored.key);
    throw error;
  }
  if (outcome.callGone) {
    await stores.discard(storage.kind, stored.key);
    throw new ApiError('not_found', 'Call not found');
  }
  if (outcome.previous !== undefined) await stores.removeAfterCommit([outcome.previous]);
  return { created: outcome.previous === undefined };
}

/** A recording's row and how a request's range is answered from it, its bytes left unread. */
export interface LocatedRecording {
  row: RecordingRow;
  answer: RangeAnswer;
}

export interface OpenedRecording extends LocatedRecording {
  /** Absent for a 416. */
  body?: Readable;
}

export interface RecordingRequest {
  range: string | undefined;
  ifRange: string | undefined;
}

/** What a signed link's answer would be, without opening storage: all a HEAD needs. */
export async function locateRecording(db: Database, callId: string, request: RecordingRequest): Promise<LocatedRecording | undefined> {
  const row = await findRecordingOfLiveCall(db, callId);
  if (row === undefined) return undefined;
  return { row, answer: answerRange(row.size_bytes, request.range, request.ifRange, etagOf(row)) };
}

/** Tries this often when the recording is replaced between reading its row and opening its bytes. */
const OPEN_ATTEMPTS = 3;

/** The recording behind a signed link, opened at the range asked for; undefined when the call has none (any more). */
export async function openRecording(
  db: Database,
  stores: RecordingStores,
  callId: string,
  request: RecordingRequest,
): Promise<OpenedRecording | undefined> {
  for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt += 1) {
    const located = await locateRecording(db, callId, request);
    if (located === undefined || located.answer.kind === 'unsatisfiable') return located;
    const { row, answer } = located;
    const body = await stores.of(row.storage).open(row.storage_key, answer.range);
    if (body !== undefined) return { row, answer, body };
  }
  return undefined;
}

/** A new key for every upload, so the tag changes exactly when the bytes do. */
export function etagOf(row: RecordingRow): string {
  return `"${row.storage_key}"`;
}
