import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Database } from '../db/database.js';
import { matchingCalls, sortOrders, type CallFilter } from './call-listing.repository.js';
import type { CallWithAgent } from './calls.repository.js';
import type { CallSort } from './calls.schemas.js';

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

/** Whether call `c` of the organization matches every word, as one SQL condition. */
function matchesWords(db: Database, organizationId: string, words: string[]): RawBuilder<boolean> {
  if (dialectOf(db) === 'postgres') {
    const query = words.map((word) => `'${word}':*`).join(' & ');
    return sql<boolean>`exists (select 1 from call_search s where s.organization_id = c.organization_id and s.call_id = c.id and s.document @@ ${query}::tsquery)`;
  }
  const query = words.map((word) => `"${word}"*`).join(' AND ');
  // Not correlated with `c`, so SQLite computes the matching ids once instead of once per call.
  return sql<boolean>`c.id in (select k.call_id from call_search_keys k where k.organization_id = ${organizationId} and k.id in (select rowid from call_search where call_search match ${query}))`;
}

/** The calls of List Calls' filter that also match the words. */
function searchedCalls(db: Database, organizationId: string, filter: CallFilter, words: string[]) {
  return matchingCalls(db, organizationId, filter).where(matchesWords(db, organizationId, words));
}

export async function countSearchedCalls(db: Database, organizationId: string, filter: CallFilter, words: string[]): Promise<number> {
  const { count } = await searchedCalls(db, organizationId, filter, words)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function listSearchedCalls(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  words: string[],
  page: { sort: CallSort; limit: number; offset: number },
): Promise<CallWithAgent[]> {
  const { column, direction } = sortOrders[page.sort];
  return searchedCalls(db, organizationId, filter, words)
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .selectAll('c')
    .select('a.name as agent_name')
    .orderBy(`c.${column}`, direction)
    .orderBy('c.id', direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
