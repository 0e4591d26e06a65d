import type { ZodIssue } from 'zod';
import type { ErrorDetail } from './api-error.js';

/**
 * A failed union says only "Invalid input". When the value's type picks out one branch (the other
 * branches failed on the type alone), that branch's own issues say what is actually wrong.
 */
function explainUnion(issue: Extract<ZodIssue, { code: 'invalid_union' }>): ZodIssue[] {
  const depth = issue.path.length;
  const relevant = issue.unionErrors.filter(
    (error) => !error.issues.every((inner) => inner.code === 'invalid_type' && inner.path.length === depth),
  );
  const [only] = relevant;
  return relevant.length === 1 && only !== undefined ? only.issues.flatMap(flatten) : [issue];
}

function flatten(issue: ZodIssue): ZodIssue[] {
  return issue.code === 'invalid_union' ? explainUnion(issue) : [issue];
}

/** Turns Zod issues into the seed's `details` entries; a whole-input issue is named after the input. */
export function detailsFromIssues(issues: readonly ZodIssue[], input: string): ErrorDetail[] {
  return issues.flatMap(flatten).map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : input,
    message: issue.message,
    code: issue.code,
  }));
}
