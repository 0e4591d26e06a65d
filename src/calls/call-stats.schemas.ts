import { z } from 'zod';
import { rangeInOrder } from '../shared/query-params.js';
import { callFilterParams } from './calls.schemas.js';

/** The statistics take exactly the filters of List Calls. */
export const callStatsQuery = z.object(callFilterParams).superRefine(rangeInOrder);
export type CallStatsQuery = z.infer<typeof callStatsQuery>;

/** Durations of a set of calls; the average and percentile are null when the set is empty. */
const durationStats = z.object({
  totalSeconds: z.number().int(),
  /** Rounded to a tenth of a second. */
  averageSeconds: z.number().nullable(),
  /** Nearest rank: the smallest duration that at least 90 % of the calls do not exceed. */
  p90Seconds: z.number().int().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

const callsByType = z.object({ Inbound: z.number().int(), Outbound: z.number().int(), Web: z.number().int() });

/** Calls by a free-text field, the most frequent first, at most ten values and the rest summed up. */
const breakdown = z.object({
  top: z.array(
    z.object({
      /** Values differing only in case count as one, shown in their most frequent spelling; null when not recorded. */
      value: z.string().nullable(),
      calls: z.number().int(),
      /** The fraction of all matching calls, rounded to four decimals. */
      share: z.number(),
    }),
  ),
  others: z.object({ values: z.number().int(), calls: z.number().int(), share: z.number() }),
});
export type Breakdown = z.infer<typeof breakdown>;

export const callStatsResponse = z.object({
  organizationId: z.string(),
  /** The organization's IANA time zone, in which days are counted. */
  timezone: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  calls: z.number().int(),
  duration: durationStats,
  /** Local calendar days that have calls, oldest first; days without calls are left out. */
  days: z.array(z.object({ date: z.string(), calls: z.number().int(), byType: callsByType })),
  intents: breakdown,
  sentiments: breakdown,
  /** The most calls first. */
  agents: z.array(z.object({ agentId: z.string(), agentName: z.string().nullable(), calls: z.number().int(), duration: durationStats })),
});
export type CallStats = z.infer<typeof callStatsResponse>;
