import type { Database } from '../db/database.js';
import { foldCase } from '../shared/like-pattern.js';
import { agentIdsMatching } from './agents.repository.js';
import type { CallFilter } from './call-listing.repository.js';
import type { CallFilterParams } from './calls.schemas.js';

/**
 * The repository filter for a query's filters, or undefined when no call can match (no agent has
 * that name). List Calls (with and without `q`), the export and the call statistics all go
 * through here, so they select alike.
 */
export async function callFilterFor(db: Database, organizationId: string, query: CallFilterParams): Promise<CallFilter | undefined> {
  const filter: CallFilter = {
    callType: query.callType,
    from: query.from,
    to: query.to,
    intentKey: query.userPrimaryIntent === undefined ? undefined : foldCase(query.userPrimaryIntent),
  };
  if (query.agentName === undefined) return filter;
  const agentIds = await agentIdsMatching(db, organizationId, query.agentName);
  return agentIds.length === 0 ? undefined : { ...filter, agentIds };
}
