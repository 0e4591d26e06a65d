import { z } from 'zod';
import { named } from '../openapi/annotations.js';

/** One entry of a 400 body: the failing field, a readable message and a Zod issue code. */
const errorDetailSchema = named(
  'ErrorDetail',
  z.object({
    field: z.string().describe('The request field at fault, such as `callType` or `transcript.0.role`'),
    message: z.string().describe('What is wrong with it, for people'),
    code: z.string().describe('A Zod issue code: `invalid_enum_value`, `invalid_type`, `too_small`, `too_big`, `custom`, …'),
  }),
);
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The body of every error answer. */
export const errorBodySchema = named(
  'Error',
  z.object({
    error: z.string().describe('What went wrong, such as `Invalid request data` or `Call not found`'),
    details: z.array(errorDetailSchema).optional().describe('Present on 400 answers: one entry per problem found'),
  }),
);
export type ErrorBody = z.infer<typeof errorBodySchema>;
