import { z } from 'zod';
import { named } from '../openapi/annotations.js';

export const paginationSchema = named('Pagination', z.object({
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
  hasNextPage: z.boolean(),
  hasPreviousPage: z.boolean(),
}));
export type Pagination = z.infer<typeof paginationSchema>;

export function paginate(page: number, limit: number, total: number): Pagination {
  const totalPages = Math.ceil(total / limit);
  return { page, limit, total, totalPages, hasNextPage: page < totalPages, hasPreviousPage: page > 1 };
}

/** Rows to skip for a page; null when the page lies past the end, so no query needs to run. */
export function offsetWithin(page: number, limit: number, total: number): number | null {
  const offset = (page - 1) * limit;
  return offset < total ? offset : null;
}
