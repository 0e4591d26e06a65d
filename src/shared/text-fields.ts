import { z } from 'zod';

/** Why text holding U+0000 is refused: PostgreSQL's text cannot store it, so neither database may take it. */
const NUL_MESSAGE = 'Must not contain NUL characters';

const WITHOUT_NUL = /^[^\u0000]*$/;

/**
 * Every free-text input starts here, so the store never meets a NUL and SQLite and PostgreSQL answer
 * alike. Enums and date-times need not: their formats leave NUL out; nor ids, which reach the store
 * only once they read as UUIDs.
 */
export const text = () => z.string().regex(WITHOUT_NUL, NUL_MESSAGE);

/** Required text: surrounding spaces dropped, then at least one character. */
export const requiredText = (max: number) => text().trim().min(1).max(max);

/** Optional text: null or an empty string mean "not given" (the cast types the input that way, not as `unknown`). */
export const optionalText = (max: number) =>
  z.preprocess((value) => (value === null || value === '' ? undefined : value), text().trim().max(max).optional()) as unknown as z.ZodEffects<
    z.ZodOptional<z.ZodString>,
    string | undefined,
    string | null | undefined
  >;

/** The issue `text()` raises, for text met outside a string schema. */
const refuse = (context: z.RefinementCtx, path: Array<string | number>) =>
  context.addIssue({ code: z.ZodIssueCode.invalid_string, validation: 'regex', path, message: NUL_MESSAGE });

/**
 * Reports every NUL in a JSON value, in a string or an object key at any depth, at its path under
 * `root`. Walked with a queue rather than recursion, since a body may nest deeper than the call
 * stack goes.
 */
export function refuseNulWithin(value: unknown, context: z.RefinementCtx, root: Array<string | number> = []): void {
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: root }];
  for (let index = 0; index < pending.length; index += 1) {
    const { value: current, path } = pending[index]!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) refuse(context, path);
    } else if (Array.isArray(current)) {
      current.forEach((item, position) => pending.push({ value: item, path: [...path, position] }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) refuse(context, [...path, key]);
        else pending.push({ value: item, path: [...path, key] });
      }
    }
  }
}
