import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Database } from '../db/database.js';

/**
 * The full-text index of calls: an FTS5 table on SQLite, a GIN-indexed tsvector on PostgreSQL.
 * Both hold the same pre-split words (search-words.ts); a query asks for every one of its words as
 * a prefix. The words reach the database as bound values, never as SQL or query syntax.
 */

export interface SearchEntry {
  organizationId: string;
  callId: string;
  words: string[];
}

/** Adds calls to the index; call it in the transaction that stores them. */
export async function indexCalls(db: Kysely<any>, entries: SearchEntry[]): Promise<void> {
  const indexed = entries.filter((entry) => entry.words.length > 0);
  if (indexed.length === 0) return;
  if (dialectOf(db) === 'postgres') {
    const rows = indexed.map((entry) => sql`(${entry.organizationId}, ${entry.callId}, array_to_tsvector(${entry.words}::text[]))`);
    await sql`insert into call_search (organization_id, call_id, document) values ${sql.join(rows)}`.execute(db);
    return;
  }
  const keys = await sql<{ id: number; organization_id: string; call_id: string }>`
    insert into call_search_keys (organization_id, call_id)
    values ${sql.join(indexed.map((entry) => sql`(${entry.organizationId}, ${entry.callId})`))}
    returning id, organization_id, call_id`.execute(db);
  const words = new Map(indexed.map((entry) => [`${entry.organizationId}/${entry.callId}`, entry.words.join(' ')]));
  const documents = keys.rows.map((key) => sql`(${key.id}, ${words.get(`${key.organization_id}/${key.call_id}`)})`);
  await sql`insert into call_search (rowid, document) values ${sql.join(documents)}`.execute(db);
}

/** Whether call `c` of the organization matches every word, as one SQL condition: List Calls' `q`. */
export function matchesWords(db: Database, organizationId: string, words: string[]): RawBuilder<boolean> {
  if (dialectOf(db) === 'postgres') {
    const query = words.map((word) => `'${word}':*`).join(' & ');
    return sql<boolean>`exists (select 1 from call_search s where s.organization_id = c.organization_id and s.call_id = c.id and s.document @@ ${query}::tsquery)`;
  }
  const query = words.map((word) => `"${word}"*`).join(' AND ');
  // Not correlated with `c`, so SQLite computes the matching ids once instead of once per call.
  return sql<boolean>`c.id in (select k.call_id from call_search_keys k where k.organization_id = ${organizationId} and k.id in (select rowid from call_search where call_search match ${query}))`;
}
