import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from './database.js';

/** Lists up to this long are bound value by value. */
const SEPARATE_BINDS_UP_TO = 100;

/**
 * The inside of `column in (...)` for texts, however many. A short list is bound value by value,
 * which both planners estimate best; a longer one travels as a single bound array (PostgreSQL) or
 * JSON array (SQLite), since each database caps the values one statement may bind (65,535 and
 * 32,766) and a list past that would fail the statement.
 */
export function textList(db: Kysely<any>, values: readonly string[]): RawBuilder<unknown> {
  if (values.length <= SEPARATE_BINDS_UP_TO) return sql.join([...values]);
  return dialectOf(db) === 'postgres'
    ? sql`select unnest(${[...values]}::text[])`
    : sql`select value from json_each(${JSON.stringify(values)})`;
}
