import { sql } from 'kysely';
import { dialectOf, type Database } from '../../src/db/database.js';

/** Tables that keep their rows between tests: the migration bookkeeping and server settings. */
const KEPT = new Set(['settings', 'kysely_migration', 'kysely_migration_lock']);

/** Empties every data table, whatever later migrations added, so each test starts clean. */
export async function resetDatabase(db: Database): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema()`.execute(db);
    const tables = rows.map((row) => row.tablename).filter((name) => !KEPT.has(name));
    if (tables.length > 0) await sql.raw(`truncate ${tables.map((name) => `"${name}"`).join(', ')} cascade`).execute(db);
    return;
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%'`.execute(db);
  const tables = rows.map((row) => row.name).filter((name) => !KEPT.has(name));
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    for (const name of tables) await sql.raw(`delete from "${name}"`).execute(db);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
