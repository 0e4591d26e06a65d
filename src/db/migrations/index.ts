import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from './column-types.js';
import * as core from './0001-core.js';
import * as audit from './0003-audit.js';
import * as recordingsSearchRetention from './0004-recordings-search-retention.js';
import * as callCounts from './0005-call-counts.js';

interface DialectMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** Every migration in order; a name, once shipped, never changes. */
const migrations: Record<string, DialectMigration> = {
  '0001-core': core,
  '0003-audit': audit,
  '0004-recordings-search-retention': recordingsSearchRetention,
  '0005-call-counts': callCounts,
};

export class CallbaseMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, migration]) => [
        name,
        { up: (db: Kysely<any>) => migration.up(db, this.dialect) },
      ]),
    );
  }
}
