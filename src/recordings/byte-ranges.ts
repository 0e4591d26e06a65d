import parseRange from 'range-parser';
import type { ByteRange } from './blob-storage.js';

export type RangeAnswer = { kind: 'whole'; range: ByteRange } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * What to send for a Range header (RFC 9110): one range as a 206, none satisfiable as a 416, and
 * the whole file for no header, a malformed one, several ranges (no multipart answers), or an
 * If-Range naming another version, so a resumed download never splices two recordings.
 */
export function answerRange(size: number, header: string | undefined, ifRange: string | undefined, etag: string): RangeAnswer {
  const whole: RangeAnswer = { kind: 'whole', range: { start: 0, end: size - 1 } };
  if (header === undefined || (ifRange !== undefined && ifRange.trim() !== etag)) return whole;
  const parsed = parseRange(size, header, { combine: true });
  if (parsed === -1) return { kind: 'unsatisfiable' };
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length !== 1) return whole;
  const [range] = parsed;
  return { kind: 'partial', range: { start: range!.start, end: range!.end } };
}
