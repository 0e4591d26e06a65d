import type { Database } from '../db/database.js';
import { offsetWithin, paginate } from '../shared/pagination.js';
import { callFilterFor } from './call-filter.js';
import { presentCallSummary } from './call-presenter.js';
import { countSearchedCalls, listSearchedCalls } from './call-search.repository.js';
import type { ListCallsQuery } from './calls.schemas.js';
import { searchWords } from './search-words.js';

/**
 * List Calls with `q`: the same filters, sorts and exact totals, narrowed to the calls whose
 * transcript or summary holds every word of `q` (as a prefix). A `q` without a single letter or
 * digit names no word, and matches no call.
 */
export async function searchCallsPage(db: Database, organizationId: string, query: ListCallsQuery & { q: string }) {
  const words = [...new Set(searchWords(query.q))];
  const filter = words.length === 0 ? undefined : await callFilterFor(db, organizationId, query);
  const total = filter === undefined ? 0 : await countSearchedCalls(db, organizationId, filter, words);
  const offset = offsetWithin(query.page, query.limit, total);
  const rows =
    filter === undefined || offset === null
      ? []
      : await listSearchedCalls(db, organizationId, filter, words, { sort: query.sort, limit: query.limit, offset });
  return { calls: rows.map(presentCallSummary), pagination: paginate(query.page, query.limit, total) };
}
