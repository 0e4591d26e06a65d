import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Tables } from './tables.js';

export type Database = Kysely<Tables>;
export type Dialect = DatabaseConfig['kind'];

const INT8_OID = 20;

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  // WAL with NORMAL survives a killed process; only a power cut can lose the last commits.
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  // The CLI and the server may share one file; wait for the other writer instead of failing.
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/** Where the storage layer reports trouble that no request is waiting on. */
export interface StorageLog {
  warn(details: object, message: string): void;
}

function openPostgres(url: string, poolSize: number, log: StorageLog | undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Counts and millisecond instants are int8; they fit in a double, so read them as numbers.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
    } as pg.CustomTypesConfig,
  });
  // An idle connection the server drops (restart, failover, admin) must not crash the process; the
  // pool discards it and opens a fresh one on next use.
  pool.on('error', (error) => log?.warn({ err: error }, 'idle database connection lost'));
  return pool;
}

export function createDatabase(config: DatabaseConfig, log?: StorageLog): Database {
  if (config.kind === 'postgres') {
    return new Kysely<Tables>({ dialect: new PostgresDialect({ pool: openPostgres(config.url, config.poolSize, log) }) });
  }
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: openSqlite(config.path) }) });
}

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
