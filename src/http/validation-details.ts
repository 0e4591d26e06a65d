import type { ZodIssue } from 'zod';
import type { ErrorDetail } from './api-error.js';

/** Turns Zod issues into the seed's `details` entries; a whole-input issue is named after the input. */
export function detailsFromIssues(issues: readonly ZodIssue[], input: string): ErrorDetail[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : input,
    message: issue.message,
    code: issue.code,
  }));
}
