import { z } from 'zod';
import { documentedAs } from '../openapi/annotations.js';
import { isWritableInstant, parseIsoDateTime } from './iso-datetime.js';

/** The seed's wording for a date-time that does not parse. */
export const INVALID_DATE_MESSAGE = 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)';

/**
 * An empty query parameter (`?agentName=`, as a form sends it) means the same as an absent one.
 * Zod types a preprocessed input as `unknown`; the cast gives it the inner schema's input, so
 * `z.input` of a query is what a client may send.
 */
export function optionalParam<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional()) as unknown as z.ZodEffects<
    z.ZodOptional<T>,
    z.output<T> | undefined,
    z.input<T> | undefined
  >;
}

/** A parameter that must be given: sent empty, it is reported exactly as a missing one, `Required`. */
export function requiredParam<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema) as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>;
}

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * An integer query parameter. Only plain decimal text becomes a number, so `0x10` or `1e3` are
 * refused as strings instead of being read as 16 or 1000.
 */
export function integerParam(bounds: { min: number; max: number; default: number }) {
  return z.preprocess(
    (value) => {
      if (value === '' || value === undefined) return undefined;
      return typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value;
    },
    z.number().int().min(bounds.min).max(bounds.max).default(bounds.default),
  ) as unknown as z.ZodEffects<z.ZodDefault<z.ZodNumber>, number, number | undefined>;
}

const OUT_OF_RANGE_MESSAGE = 'Must fall between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

/**
 * An ISO 8601 date-time with a zone, parsed to epoch milliseconds; only instants the API can write
 * back in its own form, so whatever is stored or echoed round-trips.
 */
export const isoDateTime = documentedAs(
  { format: 'date-time' },
  z.string().transform((text, context) => {
    const instant = parseIsoDateTime(text);
    if (instant !== undefined && isWritableInstant(instant)) return instant;
    context.addIssue({ code: z.ZodIssueCode.custom, message: instant === undefined ? INVALID_DATE_MESSAGE : OUT_OF_RANGE_MESSAGE });
    return z.NEVER;
  }),
);

const RANGE_MESSAGE = "The 'from' date must be before or equal to the 'to' date";

/** A `from`/`to` pair of date-time filters must not be reversed. */
export function rangeInOrder(query: { from?: number; to?: number }, context: z.RefinementCtx): void {
  if (typeof query.from === 'number' && typeof query.to === 'number' && query.from > query.to) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ['from'], message: RANGE_MESSAGE });
  }
}
