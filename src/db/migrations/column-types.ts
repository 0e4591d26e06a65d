import { sql, type CreateTableBuilder } from 'kysely';

/**
 * The databases a migration is written for. Declared here, like everything a migration uses, so no
 * change to the application's code can change what a migration already shipped does.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Column types that mean the same thing on both databases, so each migration is written once. */
export function columnTypes(dialect: Dialect) {
  const postgres = dialect === 'postgres';
  return {
    uuid: postgres ? 'uuid' : 'text',
    /** Milliseconds since the epoch, or any count that may pass 2^31. */
    bigint: postgres ? 'bigint' : 'integer',
  } as const;
}

/** SQLite's STRICT tables refuse a value of the wrong type, as PostgreSQL does. */
export function strictOnSqlite<T extends string, C extends string>(
  dialect: Dialect,
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  return dialect === 'sqlite' ? table.modifyEnd(sql`strict`) : table;
}
