import type { Database } from '../db/database.js';
import { foldCase } from '../shared/like-pattern.js';
import { agentIdsMatching } from './agents.repository.js';
import type { CallFilter } from './call-listing.repository.js';
import type { CallFilterParams } from './calls.schemas.js';
import { searchWords } from './search-words.js';

/**
 * The repository filter for a query's filters, or undefined when no call can match: no agent has
 * that name, or `q` holds no letter or digit, so names no word. List Calls, the export and the
 * call statistics all go through here, so they select alike.
 */
export async function callFilterFor(db: Database, organizationId: string, query: CallFilterParams): Promise<CallFilter | undefined> {
  const words = query.q === undefined ? undefined : [...new Set(searchWords(query.q))];
  if (words?.length === 0) return undefined;
  const filter: CallFilter = {
    callType: query.callType,
    from: query.from,
    to: query.to,
    intentKey: query.userPrimaryIntent === undefined ? undefined : foldCase(query.userPrimaryIntent),
    words,
  };
  if (query.agentName === undefined) return filter;
  const agentIds = await agentIdsMatching(db, organizationId, query.agentName);
  return agentIds.length === 0 ? undefined : { ...filter, agentIds };
}
