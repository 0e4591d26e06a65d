/** Values one `in (…)` list binds: well inside SQLite's and PostgreSQL's limits on bound parameters. */
export const IDS_PER_STATEMENT = 500;

/**
 * The items in consecutive slices of at most `size`, for statements that bind a value or a row per
 * item and must stay inside the databases' limits whatever the number of items.
 */
export function* statementSlices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
