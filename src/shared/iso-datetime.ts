const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * The instants the API's `YYYY-MM-DDTHH:MM:SSZ` form can write: four-digit UTC years. A time at the
 * edge with an offset (`0000-01-01T00:00:00+01:00`) falls outside, and would come back as `-000001-…`.
 */
const EARLIEST_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

export const isWritableInstant = (milliseconds: number) => milliseconds >= EARLIEST_INSTANT && milliseconds <= LATEST_INSTANT;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date-time that names its zone (`Z` or an offset) to epoch milliseconds.
 * Written out rather than left to `Date.parse`, which accepts many non-ISO forms and rolls
 * impossible dates such as February 30 over into March.
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, offsetH = '0', offsetM = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (zulu === undefined && (Number(offsetH) > 23 || Number(offsetM) > 59)) return undefined;
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const offsetMinutes = zulu === undefined ? (sign === '-' ? -1 : 1) * (Number(offsetH) * 60 + Number(offsetM)) : 0;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  const instant = new Date(local);
  instant.setUTCFullYear(year);
  return instant.getTime() - offsetMinutes * 60_000;
}
