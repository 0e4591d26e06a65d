import { z } from 'zod';

/** Required text: surrounding spaces dropped, then at least one character. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Optional text: null or an empty string mean "not given". */
export const optionalText = (max: number) =>
  z.preprocess((value) => (value === null || value === '' ? undefined : value), z.string().trim().max(max).optional());
