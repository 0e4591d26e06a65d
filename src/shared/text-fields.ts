import { z } from 'zod';

/** Required text: surrounding spaces dropped, then at least one character. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Optional text: null or an empty string mean "not given" (the cast types the input that way, not as `unknown`). */
export const optionalText = (max: number) =>
  z.preprocess((value) => (value === null || value === '' ? undefined : value), z.string().trim().max(max).optional()) as unknown as z.ZodEffects<
    z.ZodOptional<z.ZodString>,
    string | undefined,
    string | null | undefined
  >;
