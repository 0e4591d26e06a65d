import { Migrator, type Kysely } from 'kysely';
import { dialectOf } from './database.js';
import { CallbaseMigrations } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the schema to the latest version; safe to call from several processes at once. Typed
 * `Kysely<any>` because migrations describe the schema as it was at their moment, not as it is now.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new CallbaseMigrations(dialectOf(db)) });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = failed === undefined ? '' : ` ${failed.migrationName}`;
    throw new MigrationError(`Migration${where} failed: ${reason}`);
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
