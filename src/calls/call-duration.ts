/**
 * The longest a call may last, in seconds, whether given as `callDurationSeconds` or derived from
 * its two times: a 32-bit count, about 68 years, which no real call comes near.
 */
export const MAX_DURATION_SECONDS = 2_147_483_647;

/** Times are stored to the second, rounded down. */
export const wholeSeconds = (milliseconds: number) => Math.floor(milliseconds / 1000) * 1000;

/** The duration of a call given without one: the seconds between its times as they are stored. */
export const derivedDurationSeconds = (startedAt: number, endedAt: number) => (wholeSeconds(endedAt) - wholeSeconds(startedAt)) / 1000;
