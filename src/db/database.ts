import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { withPreparedReads, withStatementCache } from './prepared-statements.js';
import type { Tables } from './tables.js';

export type Database = Kysely<Tables>;
export type Dialect = DatabaseConfig['kind'];

const INT8_OID = 20;
const DEFAULT_TIMEOUT_MS = 5000;

function openSqlite(file: string, timeoutMs: number): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  // A 201 promises the call is stored. FULL syncs the log at every commit, so an acknowledged write
  // survives a power cut as well as a killed process, which is what PostgreSQL's commit promises too.
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  // Reads through the operating system's page cache instead of copying pages into SQLite's own:
  // a List Calls page touches scattered rows, and each copy is a system call. The build caps it at 2 GiB.
  connection.pragma('mmap_size = 2147418112');
  // The CLI and the server may share one file; wait for the other writer instead of failing.
  connection.pragma(`busy_timeout = ${timeoutMs}`);
  return connection;
}

/** Where the storage layer reports trouble that no request is waiting on. */
export interface StorageLog {
  warn(details: object, message: string): void;
}

function openPostgres(url: string, poolSize: number, timeoutMs: number, log: StorageLog | undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Without these a request waits as long as the operating system keeps trying a dead server.
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 1000,
    keepAlive: true,
    // Counts and millisecond instants are int8; they fit in a double, so read them as numbers.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
    } as pg.CustomTypesConfig,
  });
  // A connection the server drops (restart, crash, failover) must not crash the process: an idle one
  // is discarded by the pool, and one in use fails its query, is released with the error and
  // discarded too. Either way the next request opens a fresh connection.
  pool.on('error', (error) => log?.warn({ err: error }, 'idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (error) => log?.warn({ err: error }, 'database connection lost')));
  return pool;
}

/** How busy the connections are, for the metrics endpoint. */
export interface PoolUsage {
  size: number;
  open: number;
  idle: number;
  waiting: number;
}

export interface OpenedDatabase {
  db: Database;
  usage(): PoolUsage;
}

export function openDatabase(config: DatabaseConfig, log?: StorageLog): OpenedDatabase {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (config.kind === 'postgres') {
    const pool = openPostgres(config.url, config.poolSize, timeoutMs, log);
    return {
      db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: withPreparedReads(pool) }) }),
      usage: () => ({ size: config.poolSize, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  // Kysely queues SQLite work behind its one connection; only the size is known from outside.
  return {
    db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(openSqlite(config.path, timeoutMs)) }) }),
    usage: () => ({ size: 1, open: 1, idle: 0, waiting: 0 }),
  };
}

export function createDatabase(config: DatabaseConfig, log?: StorageLog): Database {
  return openDatabase(config, log).db;
}

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
