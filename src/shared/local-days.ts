import { tzOffset, tzScan } from '@date-fns/tz';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A UTC offset in force from an instant on, until the next span begins. */
export interface OffsetSpan {
  from: number;
  offsetMs: number;
}

/** In whole milliseconds: an offset of local mean time, such as New York's -4:56:02, is a fraction of a minute. */
const toMs = (offsetMinutes: number) => Math.round(offsetMinutes * MINUTE_MS);

const offsetAt = (timeZone: string, instant: number) => toMs(tzOffset(timeZone, new Date(instant)));

/**
 * The instant the offset changes, to the second. The scan below finds a change on an hour grid,
 * so the change lies in the hour before; St. John's, for one, changes at half past the hour.
 */
function exactChange(timeZone: string, found: number, before: number): number {
  let low = found - HOUR_MS;
  let high = found;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (offsetAt(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The offsets of a time zone over [start, end], from the runtime's time-zone database: the first
 * span starts at `start`, each later one at the exact instant of a change (a daylight-saving
 * switch, say). With these, a local calendar day is plain integer arithmetic on both databases.
 */
export function offsetsBetween(timeZone: string, start: number, end: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ from: start, offsetMs: offsetAt(timeZone, start) }];
  for (const change of tzScan(timeZone, { start: new Date(start), end: new Date(end) })) {
    const previous = spans[spans.length - 1]!;
    const from = exactChange(timeZone, change.date.getTime(), previous.offsetMs);
    if (from > end) break;
    if (from > previous.from) spans.push({ from, offsetMs: toMs(change.offset) });
  }
  return spans;
}

/** Days apart that are scanned as one stretch: scanning a short gap costs less than starting anew. */
const JOINED_GAP_DAYS = 31;

/**
 * The offsets in force on the given UTC days (counted from 1970-01-01, in ascending order), however
 * far apart: runs of nearby days are scanned as one stretch each and the time between distant ones
 * not at all, so the work grows with the days given, never with the years they span.
 */
export function offsetsOnDays(timeZone: string, days: readonly number[]): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let index = 0;
  while (index < days.length) {
    const first = days[index]!;
    let last = first;
    while (index + 1 < days.length && days[index + 1]! - last <= JOINED_GAP_DAYS) last = days[++index]!;
    spans.push(...offsetsBetween(timeZone, first * DAY_MS, (last + 1) * DAY_MS - 1));
    index += 1;
  }
  return spans;
}

/** The local calendar date of a day counted from 1970-01-01 in local time. */
export function localDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
