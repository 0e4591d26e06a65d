import { z } from 'zod';
import { named } from '../openapi/annotations.js';
import { paginationSchema } from '../shared/pagination.js';
import { integerParam, isoDateTime, optionalParam, rangeInOrder, requiredParam } from '../shared/query-params.js';
import { optionalText, requiredText, text } from '../shared/text-fields.js';
import { derivedDurationSeconds, MAX_DURATION_SECONDS } from './call-duration.js';
import { callSorts, callTypes } from './call-vocabulary.js';

export { callSorts, callTypes, type CallSort, type CallType } from './call-vocabulary.js';

/**
 * The filters List Calls, the export and the call statistics share, so all three always select the
 * same calls; the seed's own words describe them.
 */
export const callFilterParams = {
  organizationId: requiredParam(z.string()).describe('The ID of the organization to list calls for'),
  callType: optionalParam(z.enum(callTypes)).describe('Filter calls by type: Inbound, Outbound or Web'),
  agentName: optionalParam(text().max(200)).describe("Filter calls by agent name: a part of the agent's name, ignoring case"),
  from: optionalParam(isoDateTime).describe(
    'Start of the date range on callStartedAt, inclusive (ISO 8601 with a zone: "2025-05-01T00:00:00Z"); from must be before or equal to to',
  ),
  to: optionalParam(isoDateTime).describe('End of the date range on callStartedAt, inclusive (ISO 8601 with a zone: "2025-06-01T00:00:00Z")'),
  userPrimaryIntent: optionalParam(text().max(200)).describe("Filter calls by the user's primary intent: the whole intent, ignoring case"),
  q: optionalParam(text().max(200)).describe(
    'Full-text search over transcripts and summaries: every word must begin a word of the transcript or the summary, ignoring case and accents',
  ),
};
const callFilterObject = z.object(callFilterParams);
export type CallFilterParams = z.infer<typeof callFilterObject>;

const { organizationId, q, ...narrowingParams } = callFilterParams;

const callSort = optionalParam(z.enum(callSorts))
  .transform((sort) => sort ?? 'desc')
  .describe('Sort order: desc (newest callStartedAt first, the default), asc, duration_desc, duration_asc; ties break on id');

export const listCallsQuery = z
  .object({
    organizationId,
    page: integerParam({ min: 1, max: Number.MAX_SAFE_INTEGER, default: 1 }).describe('Page number for pagination (1-based indexing)'),
    limit: integerParam({ min: 1, max: 20, default: 10 }).describe('Number of items per page (default 10, max 20)'),
    ...narrowingParams,
    sort: callSort,
    q,
  })
  .superRefine(rangeInOrder);
export type ListCallsQuery = z.infer<typeof listCallsQuery>;
/** What a client may send as List Calls' query. */
export type ListCallsParams = z.input<typeof listCallsQuery>;

/** The eleven keys of the seed, in its order. */
export const callSummary = named('CallSummary', z.object({
  id: z.string(),
  organizationId: z.string(),
  callType: z.enum(callTypes),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  callStartedAt: z.string(),
  callEndedAt: z.string().nullable(),
  callDurationSeconds: z.string().nullable(),
  userPhoneNumber: z.string().nullable(),
  createdAt: z.string(),
}));
export type CallSummary = z.infer<typeof callSummary>;

export const listCallsResponse = z.object({
  calls: z.array(callSummary),
  pagination: paginationSchema,
});
export type ListCallsResponse = z.infer<typeof listCallsResponse>;

const { userPhoneNumber, createdAt, ...leadingSummaryKeys } = callSummary.shape;

/** Get Call: the summary's keys with the detail keys woven in, in the contract's order. */
export const callDetail = named('Call', z.object({
  ...leadingSummaryKeys,
  callEndedReason: z.string().nullable(),
  userName: z.string().nullable(),
  userPhoneNumber,
  userPrimaryIntent: z.string().nullable(),
  userSentiment: z.string().nullable(),
  callSummary: z.string().nullable(),
  transcriptUrl: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  createdAt,
  externalId: z.string().nullable(),
  /** Only with `?include=transcript`: the turns, or a plain-text transcript as one turn without a role. */
  transcript: z
    .array(z.object({ role: z.enum(['agent', 'user']).nullable(), text: z.string() }))
    .nullable()
    .optional(),
}));
export type CallDetail = z.infer<typeof callDetail>;

export const exportFormats = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** List Calls' filters and sort, without pages: the export walks every matching call. */
export const exportCallsQuery = z
  .object({
    ...callFilterParams,
    sort: callSort,
    format: optionalParam(z.enum(exportFormats))
      .transform((format) => format ?? 'csv')
      .describe('csv (a header row, then one call per row; the default) or ndjson (one JSON call per line)'),
  })
  .superRefine(rangeInOrder);
export type ExportCallsQuery = z.infer<typeof exportCallsQuery>;
/** What a client may send as the export's query. */
export type ExportCallsParams = z.input<typeof exportCallsQuery>;

/**
 * One exported call: Get Call's fields without its links, which would expire long before a file is
 * read, and without the transcript, which stays behind Get Call.
 */
export const exportedCall = named('ExportedCall', callDetail.omit({ transcriptUrl: true, recordingUrl: true, transcript: true }));
export type ExportedCall = z.infer<typeof exportedCall>;

export const callIdParams = z.object({ id: z.string().describe("The call's id") });

/**
 * The query of a route that reaches one call and answers without its transcript (deleting it,
 * uploading its recording), so it takes no `include`.
 */
export const oneCallQuery = z.object({
  organizationId: optionalParam(z.string()).describe('Look the call up in this organization only'),
});

export const getCallQuery = oneCallQuery.extend({
  include: optionalParam(z.enum(['transcript'])).describe('transcript: embed the transcript turns in the answer'),
});
export type GetCallParams = z.input<typeof getCallQuery>;

export const transcriptTurn = named(
  'TranscriptTurn',
  z.object({
    role: z.enum(['agent', 'user']),
    text: text().max(100_000),
  }),
);

export const MAX_TRANSCRIPT_CHARACTERS = 4_000_000;

const durationSeconds = z.union([
  z.number().int().min(0).max(MAX_DURATION_SECONDS),
  z
    .string()
    .regex(/^\d{1,10}$/, 'Expected a whole number of seconds')
    .transform(Number)
    .pipe(z.number().max(MAX_DURATION_SECONDS)),
]);

/** Absent, null, or whole seconds as a number or a string of digits (the cast types the input that way, not as `unknown`). */
const optionalDuration = z.preprocess((value) => (value === null ? undefined : value), durationSeconds.optional()) as unknown as z.ZodEffects<
  z.ZodOptional<typeof durationSeconds>,
  number | undefined,
  number | string | null | undefined
>;

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The voice provider's link to its own copy of the audio: stored as given, never fetched. */
const providerRecordingUrl = text().max(2048).refine(isHttpUrl, 'Must be an http:// or https:// URL');

export const createCallBody = z
  .object({
    organizationId: optionalParam(z.string()),
    externalId: optionalParam(requiredText(255)),
    callType: z.enum(callTypes),
    agentId: optionalText(255),
    agentName: requiredText(255),
    phoneNumber: optionalText(64),
    callStartedAt: isoDateTime,
    callEndedAt: isoDateTime,
    callDurationSeconds: optionalDuration.describe('Whole seconds; derived from the two times when absent'),
    callEndedReason: optionalText(255),
    userName: optionalText(255),
    userPhoneNumber: optionalText(64),
    userPrimaryIntent: optionalText(200),
    userSentiment: optionalText(100),
    callSummary: optionalText(100_000),
    recordingUrl: z.preprocess((value) => (value === null || value === '' ? undefined : value), providerRecordingUrl.optional()),
    transcript: z
      .union([text().max(MAX_TRANSCRIPT_CHARACTERS), z.array(transcriptTurn).max(20_000)])
      .nullable()
      .optional(),
  })
  .superRefine((call, context) => {
    if (typeof call.callStartedAt === 'number' && typeof call.callEndedAt === 'number' && call.callEndedAt < call.callStartedAt) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['callEndedAt'],
        message: "The 'callEndedAt' date must be after or equal to the 'callStartedAt' date",
      });
    } else if (
      call.callDurationSeconds === undefined &&
      typeof call.callStartedAt === 'number' &&
      typeof call.callEndedAt === 'number' &&
      derivedDurationSeconds(call.callStartedAt, call.callEndedAt) > MAX_DURATION_SECONDS
    ) {
      context.addIssue({
        code: z.ZodIssueCode.too_big,
        path: ['callEndedAt'],
        type: 'number',
        maximum: MAX_DURATION_SECONDS,
        inclusive: true,
        message: `A call may last at most ${MAX_DURATION_SECONDS} seconds: 'callEndedAt' is too far after 'callStartedAt'`,
      });
    }
    if (call.callType !== 'Web' && call.phoneNumber === undefined) {
      context.addIssue({ code: z.ZodIssueCode.invalid_type, path: ['phoneNumber'], expected: 'string', received: 'undefined', message: 'Required' });
    }
    if (Array.isArray(call.transcript)) {
      const characters = call.transcript.reduce((sum, turn) => sum + turn.text.length, 0);
      if (characters > MAX_TRANSCRIPT_CHARACTERS) {
        context.addIssue({
          code: z.ZodIssueCode.too_big,
          path: ['transcript'],
          type: 'string',
          maximum: MAX_TRANSCRIPT_CHARACTERS,
          inclusive: true,
          message: `Transcript must contain at most ${MAX_TRANSCRIPT_CHARACTERS} characters`,
        });
      }
    }
  });
export type CreateCallBody = z.infer<typeof createCallBody>;
/** What a client may post to record a call. */
export type CreateCallInput = z.input<typeof createCallBody>;
