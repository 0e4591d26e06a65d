import { sql } from 'kysely';
import { dialectOf } from '../../src/db/database.js';
import type { TestApp } from './test-app.js';

/** How many index entries hold a word starting with `word`, read straight from either database's index. */
export async function searchEntries(t: TestApp, word: string): Promise<number> {
  if (dialectOf(t.db) === 'postgres') {
    const { rows } = await sql<{ count: string }>`select count(*) as count from call_search where document @@ ${`'${word}':*`}::tsquery`.execute(t.db);
    return Number(rows[0]!.count);
  }
  const { rows } = await sql<{ count: number }>`select count(*) as count from call_search where call_search match ${`"${word}"*`}`.execute(t.db);
  return rows[0]!.count;
}

