import { TZDate } from '@date-fns/tz';

/** A calendar date, `YYYY-MM-DD`, as the URL and the date pickers carry it. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(text: string | null): text is Day {
  const match = text === null ? null : DAY.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function parts(day: Day): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return [year, month - 1, date];
}

const instant = (date: Date) => new Date(date.getTime()).toISOString().replace('.000Z', 'Z');

/** The first second of a local day in the time zone, as the API's `from`. */
export function startOfDay(day: Day, timeZone: string): string {
  return instant(new TZDate(...parts(day), timeZone));
}

/** The last second of a local day in the time zone, as the API's inclusive `to`. */
export function endOfDay(day: Day, timeZone: string): string {
  return instant(new TZDate(...parts(day), 23, 59, 59, timeZone));
}

export function todayIn(timeZone: string): Day {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(day: Day, count: number): Day {
  const [year, month, date] = parts(day);
  return new Date(Date.UTC(year, month, date + count)).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A calendar day as the browser's own local midnight, which is what the calendar widget selects. */
export const dayToDate = (day: Day) => new Date(...parts(day));
export const dateToDay = (date: Date): Day =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDay(day: Day, short = false): string {
  return (short ? shortDayFormat : dayFormat).format(new Date(`${day}T00:00:00Z`));
}

/** An API instant shown on the organization's clock, with its zone's short name. */
export function formatDateTime(iso: string | null, timeZone: string, precision: 'short' | 'medium' = 'medium'): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: precision, timeZone }).format(new Date(iso));
}

export function zoneName(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

export function formatDuration(seconds: number | string | null): string {
  if (seconds === null) return '—';
  const total = Math.round(Number(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}
