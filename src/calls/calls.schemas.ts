import { z } from 'zod';
import { paginationSchema } from '../shared/pagination.js';
import { integerParam, isoDateTime, optionalParam, rangeInOrder } from '../shared/query-params.js';
import { optionalText, requiredText } from '../shared/text-fields.js';

export const callTypes = ['Inbound', 'Outbound', 'Web'] as const;
export const callSorts = ['desc', 'asc', 'duration_desc', 'duration_asc'] as const;
export type CallSort = (typeof callSorts)[number];

export const listCallsQuery = z
  .object({
    organizationId: z.string(),
    page: integerParam({ min: 1, max: Number.MAX_SAFE_INTEGER, default: 1 }),
    limit: integerParam({ min: 1, max: 20, default: 10 }),
    callType: optionalParam(z.enum(callTypes)),
    agentName: optionalParam(z.string().max(200)),
    from: optionalParam(isoDateTime),
    to: optionalParam(isoDateTime),
    userPrimaryIntent: optionalParam(z.string().max(200)),
    sort: optionalParam(z.enum(callSorts)).transform((sort) => sort ?? 'desc'),
    q: optionalParam(z.string().max(200)),
  })
  .superRefine(rangeInOrder);
export type ListCallsQuery = z.infer<typeof listCallsQuery>;

/** The eleven keys of the seed, in its order. */
export const callSummary = z.object({
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
});
export type CallSummary = z.infer<typeof callSummary>;

export const listCallsResponse = z.object({
  calls: z.array(callSummary),
  pagination: paginationSchema,
});

const { userPhoneNumber, createdAt, ...leadingSummaryKeys } = callSummary.shape;

/** Get Call: the summary's keys with the detail keys woven in, in the contract's order. */
export const callDetail = z.object({
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
});
export type CallDetail = z.infer<typeof callDetail>;

export const callIdParams = z.object({ id: z.string() });

export const deleteCallQuery = z.object({
  organizationId: optionalParam(z.string()),
});

export const getCallQuery = z.object({
  organizationId: optionalParam(z.string()),
  include: optionalParam(z.enum(['transcript'])),
});


export const transcriptTurn = z.object({
  role: z.enum(['agent', 'user']),
  text: z.string().max(100_000),
});

export const MAX_TRANSCRIPT_CHARACTERS = 4_000_000;

const durationSeconds = z.union([
  z.number().int().min(0).max(2_147_483_647),
  z
    .string()
    .regex(/^\d{1,10}$/, 'Expected a whole number of seconds')
    .transform(Number)
    .pipe(z.number().max(2_147_483_647)),
]);

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The voice provider's link to its own copy of the audio: stored as given, never fetched. */
const providerRecordingUrl = z.string().max(2048).refine(isHttpUrl, 'Must be an http:// or https:// URL');

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
    callDurationSeconds: z.preprocess((value) => (value === null ? undefined : value), durationSeconds.optional()),
    callEndedReason: optionalText(255),
    userName: optionalText(255),
    userPhoneNumber: optionalText(64),
    userPrimaryIntent: optionalText(200),
    userSentiment: optionalText(100),
    callSummary: optionalText(100_000),
    recordingUrl: z.preprocess((value) => (value === null || value === '' ? undefined : value), providerRecordingUrl.optional()),
    transcript: z
      .union([z.string().max(MAX_TRANSCRIPT_CHARACTERS), z.array(transcriptTurn).max(20_000)])
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
