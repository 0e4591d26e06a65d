import { sql, type Kysely } from 'kysely';
import type { Dialect } from './column-types.js';

/**
 * The search index's words and rows as 0004 defined them, kept here as they were then: a later
 * change to how calls are indexed comes with a migration of its own and leaves this one as shipped.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORD_CHARACTERS = 64;
/** A tsvector must stay under 1 MB. */
const MAX_DOCUMENT_BYTES = 600_000;
const BYTES_PER_WORD = 4;
const BACKFILL_BATCH = 2000;

/** Runs of letters, digits and marks, with case, width and accents folded and cut to their first characters. */
function searchWords(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFKD').replace(/\p{Mn}/gu, '').normalize('NFC');
  return (folded.match(WORD) ?? []).map((word) => {
    const characters = Array.from(word);
    return characters.length > MAX_WORD_CHARACTERS ? characters.slice(0, MAX_WORD_CHARACTERS).join('') : word;
  });
}

/** The distinct words of a call's summary and transcript, in order of first use, within the size bound. */
function searchDocument(summary: string | null, format: string | null, content: string | null): string[] {
  const texts = summary === null ? [] : [summary];
  if (format === 'text' && content !== null) texts.push(content);
  else if (format === 'turns' && content !== null) texts.push(...(JSON.parse(content) as Array<{ text: string }>).map((turn) => turn.text));
  const distinct = new Set<string>();
  let bytes = 0;
  for (const text of texts) {
    for (const word of searchWords(text)) {
      if (distinct.has(word)) continue;
      bytes += Buffer.byteLength(word) + BYTES_PER_WORD;
      if (bytes > MAX_DOCUMENT_BYTES) return [...distinct];
      distinct.add(word);
    }
  }
  return [...distinct];
}

interface SearchEntry {
  organizationId: string;
  callId: string;
  words: string[];
}

async function indexCalls(db: Kysely<any>, dialect: Dialect, entries: SearchEntry[]): Promise<void> {
  const indexed = entries.filter((entry) => entry.words.length > 0);
  if (indexed.length === 0) return;
  if (dialect === 'postgres') {
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

/** Indexes the calls stored before search existed, a batch at a time in key order. */
export async function backfillSearch(db: Kysely<any>, dialect: Dialect): Promise<void> {
  let after: { organization_id: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('calls as c')
      .leftJoin('call_transcripts as t', (join) => join.onRef('t.organization_id', '=', 'c.organization_id').onRef('t.call_id', '=', 'c.id'))
      .select(['c.organization_id', 'c.id', 'c.summary', 't.format', 't.content'])
      .orderBy('c.organization_id')
      .orderBy('c.id')
      .limit(BACKFILL_BATCH);
    if (after !== undefined) {
      const { organization_id: organizationId, id } = after;
      query = query.where((eb) =>
        eb.or([eb('c.organization_id', '>', organizationId), eb.and([eb('c.organization_id', '=', organizationId), eb('c.id', '>', id)])]),
      );
    }
    const rows = await query.execute();
    await indexCalls(
      db,
      dialect,
      rows.map((row) => ({ organizationId: row.organization_id, callId: row.id, words: searchDocument(row.summary, row.format, row.content) })),
    );
    if (rows.length < BACKFILL_BATCH) return;
    after = rows[rows.length - 1];
  }
}
