import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Database } from '../db/database.js';
import type { CallFilter, CallWithAgent } from './calls.repository.js';
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

/** Removes calls from the index (on SQLite a trigger drops the FTS5 row with its key). */
export async function unindexCalls(db: Database, organizationId: string, callIds: string[]): Promise<void> {
  if (callIds.length === 0) return;
  const table = dialectOf(db) === 'postgres' ? sql.table('call_search') : sql.table('call_search_keys');
  await sql`delete from ${table} where organization_id = ${organizationId} and call_id in (${sql.join(callIds)})`.execute(db);
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

/** The calls of List Calls' filter that also match the words; built here alone, apart from the plain listing. */
function searchedCalls(db: Database, organizationId: string, filter: CallFilter, words: string[]) {
  let query = db.selectFrom('calls as c').where('c.organization_id', '=', organizationId).where(matchesWords(db, organizationId, words));
  if (filter.callType !== undefined) query = query.where('c.call_type', '=', filter.callType);
  if (filter.agentIds !== undefined) query = query.where('c.agent_id', 'in', filter.agentIds);
  if (filter.from !== undefined) query = query.where('c.started_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('c.started_at', '<=', filter.to);
  if (filter.intentKey !== undefined) query = query.where('c.intent_key', '=', filter.intentKey);
  return query;
}

export async function countSearchedCalls(db: Database, organizationId: string, filter: CallFilter, words: string[]): Promise<number> {
  const { count } = await searchedCalls(db, organizationId, filter, words)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

const sortColumns: Record<CallSort, { column: 'c.started_at' | 'c.duration_seconds'; direction: 'asc' | 'desc' }> = {
  desc: { column: 'c.started_at', direction: 'desc' },
  asc: { column: 'c.started_at', direction: 'asc' },
  duration_desc: { column: 'c.duration_seconds', direction: 'desc' },
  duration_asc: { column: 'c.duration_seconds', direction: 'asc' },
};

export async function listSearchedCalls(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  words: string[],
  page: { sort: CallSort; limit: number; offset: number },
): Promise<CallWithAgent[]> {
  const order = sortColumns[page.sort];
  return searchedCalls(db, organizationId, filter, words)
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .selectAll('c')
    .select('a.name as agent_name')
    .orderBy(order.column, order.direction)
    .orderBy('c.id', order.direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
