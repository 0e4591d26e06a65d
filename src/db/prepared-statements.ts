import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type { PostgresPool, PostgresPoolClient, SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';

// Both databases can spend as long preparing one of our statements as running it, and Kysely
// prepares each query afresh. These keep statements prepared, keyed by their text.

/** Distinct statements kept per connection; List Calls and the writes use a few dozen shapes. */
const STATEMENTS_KEPT = 500;

/**
 * better-sqlite3 compiles a statement on every `prepare`. Kysely runs one query at a time on the
 * connection, so a kept statement is never in use twice.
 */
export function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const statements = new LRUCache<string, SQLite.Statement>({ max: STATEMENTS_KEPT });
  return {
    prepare(text) {
      let statement = statements.get(text);
      if (statement === undefined) statements.set(text, (statement = connection.prepare(text)));
      return statement;
    },
    close: () => connection.close(),
  };
}

/**
 * Reads that name their columns: their result cannot change shape under a kept plan, as a
 * `select *` could when a later migration adds a column.
 */
const isNamedColumnsRead = (text: string) => /^\s*select\b/i.test(text) && !/(select|,)\s*("?\w+"?\.)?\*/i.test(text);

/**
 * PostgreSQL parses and plans an unnamed statement on every execution. Reads are sent as named
 * statements instead, which each connection prepares once and then only binds and runs (after a
 * few runs PostgreSQL keeps a generic plan when it costs no more than the custom ones).
 */
export function withPreparedReads(pool: pg.Pool): PostgresPool {
  const names = new LRUCache<string, string>({ max: STATEMENTS_KEPT });
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((textOrCursor: unknown, values?: unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
          const config = isNamedColumnsRead(textOrCursor) ? { name: nameOf(textOrCursor), text: textOrCursor, values } : { text: textOrCursor, values };
          return client.query(config);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
