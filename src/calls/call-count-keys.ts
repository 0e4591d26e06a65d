import type { CallType } from '../db/tables.js';
import { callTypes } from './calls.schemas.js';

/** What a call contributes to the counters: its filter values and its two sort keys. */
export interface CountedCall {
  call_type: CallType;
  agent_id: string;
  intent_key: string | null;
  started_at: number;
  duration_seconds: number;
}

/**
 * Which filters a counter row answers, one bit each; a filter whose bit is clear is summed over.
 * Rows under a filter name the call type: a query that filters by agent or intent but not by type
 * adds the three types up, a small price for writing half the rows. So each call is counted under
 * mask 0 (all calls) and four masks with the type, and any combination of filters reads at most
 * three rows per bucket (times the agents a name matches). A coarse bucket's mask 0 row is its head.
 */
export const TYPE_BIT = 1;
export const AGENT_BIT = 2;
export const INTENT_BIT = 4;
export const MASKS = [TYPE_BIT, TYPE_BIT | AGENT_BIT, TYPE_BIT | INTENT_BIT, TYPE_BIT | AGENT_BIT | INTENT_BIT] as const;
/** Counter levels: each sort key has a coarse level, kept always, and a fine one, kept where the coarse bucket is crowded. */
export const MONTH = 1;
export const DAY = 2;
export const SPAN = 3;
export const SECOND = 4;
export type Level = typeof MONTH | typeof DAY | typeof SPAN | typeof SECOND;

/**
 * A coarse bucket is split into fine ones once it holds more calls than this, so reading the
 * calls of one unsplit bucket, or of one fine bucket, never walks far through an index.
 */
export const DEFAULT_REFINE_ABOVE = 1024;

const DAY_MS = 86_400_000;
/** Width of a coarse duration bucket, in seconds. */
const SPAN_SECONDS = 64;

const floorTo = (value: number, step: number) => value - (((value % step) + step) % step);

function monthStart(instant: number): number {
  const date = new Date(instant);
  date.setUTCDate(1);
  date.setUTCHours(0, 0, 0, 0);
  return date.getTime();
}

function nextMonthStart(start: number): number {
  const date = new Date(start);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.getTime();
}

/** One sort key and its two levels of buckets; a bucket is named by the first value it holds. */
export interface Axis {
  readonly column: 'started_at' | 'duration_seconds';
  readonly coarse: Level;
  readonly fine: Level;
  valueOf(call: CountedCall): number;
  coarseBucket(value: number): number;
  /** The first value past a coarse bucket. */
  coarseEnd(bucket: number): number;
  fineBucket(value: number): number;
  fineEnd(bucket: number): number;
}

/** Calls by start: UTC months, split into UTC days. */
export const timeAxis: Axis = {
  column: 'started_at',
  coarse: MONTH,
  fine: DAY,
  valueOf: (call) => call.started_at,
  coarseBucket: monthStart,
  coarseEnd: nextMonthStart,
  fineBucket: (value) => floorTo(value, DAY_MS),
  fineEnd: (bucket) => bucket + DAY_MS,
};

/** Calls by duration: spans of 64 seconds, split into single seconds. */
export const durationAxis: Axis = {
  column: 'duration_seconds',
  coarse: SPAN,
  fine: SECOND,
  valueOf: (call) => call.duration_seconds,
  coarseBucket: (value) => floorTo(value, SPAN_SECONDS),
  coarseEnd: (bucket) => bucket + SPAN_SECONDS,
  fineBucket: (value) => value,
  fineEnd: (bucket) => bucket + 1,
};

export const axes = [timeAxis, durationAxis] as const;

export function axisOfLevel(level: Level): Axis {
  return level === MONTH || level === DAY ? timeAxis : durationAxis;
}

/** The filter values a counter row stands for; empty where its mask sums over that filter. */
export interface CountDimensions {
  mask: number;
  call_type: string;
  agent_id: string;
  intent_key: string;
}

/** Dimensions with a collision-free text key, for summing changes by counter row in memory. */
export interface KeyedDimensions extends CountDimensions {
  key: string;
}

/**
 * The counter rows a call belongs to at each level besides mask 0: one per mask, except intent
 * masks for a call without an intent. The call type never holds a separator and the agent id carries its length,
 * so no agent id or intent can make two rows share a key.
 */
export function dimensionsOf(call: CountedCall): KeyedDimensions[] {
  const all: KeyedDimensions[] = [];
  for (const mask of MASKS) {
    if ((mask & INTENT_BIT) !== 0 && call.intent_key === null) continue;
    const call_type = call.call_type;
    const agent_id = (mask & AGENT_BIT) !== 0 ? call.agent_id : '';
    const intent_key = (mask & INTENT_BIT) !== 0 ? (call.intent_key as string) : '';
    all.push({ mask, call_type, agent_id, intent_key, key: `${mask}|${call_type}|${agent_id.length}:${agent_id}${intent_key}` });
  }
  return all;
}

/** The counter rows that answer a List Calls filter, per bucket: one per call type and agent, added up. */
export interface FilterDimensions {
  mask: number;
  callTypes: readonly string[];
  agentIds: readonly string[];
  intentKey: string;
}

export function dimensionsForFilter(filter: { callType?: string; agentIds?: string[]; intentKey?: string }): FilterDimensions {
  if (filter.callType === undefined && filter.agentIds === undefined && filter.intentKey === undefined) {
    return { mask: 0, callTypes: [''], agentIds: [''], intentKey: '' };
  }
  return {
    mask: TYPE_BIT | (filter.agentIds === undefined ? 0 : AGENT_BIT) | (filter.intentKey === undefined ? 0 : INTENT_BIT),
    callTypes: filter.callType === undefined ? callTypes : [filter.callType],
    agentIds: filter.agentIds ?? [''],
    intentKey: filter.intentKey ?? '',
  };
}
