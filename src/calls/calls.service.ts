import type { Database } from '../db/database.js';
import { callNotFound } from '../http/api-error.js';
import type { Clock } from '../shared/clock.js';
import { isUuid, newId } from '../shared/ids.js';
import { offsetWithin, paginate } from '../shared/pagination.js';
import type { ArtifactLinks } from '../signing/artifact-links.js';
import { resolveAgent } from './agents.repository.js';
import { callFilterFor } from './call-filter.js';
import { presentCallDetail, presentCallSummary } from './call-presenter.js';
import { callRowFrom } from './call-row.js';
import { indexCalls } from './call-search.repository.js';
import {
  countCalls,
  findCall,
  findCallIdByExternalId,
  findTranscript,
  insertCall,
  insertTranscript,
  listCalls,
  type CallScope,
  type CallWithArtifacts,
} from './calls.repository.js';
import type { CallDetail, CreateCallBody, ListCallsQuery } from './calls.schemas.js';
import { searchDocument } from './search-words.js';
import { searchCallsPage } from './call-search.service.js';
import { storedTranscript, transcriptTurns } from './transcripts.js';

export async function listCallsPage(db: Database, organizationId: string, query: ListCallsQuery) {
  if (query.q !== undefined) return searchCallsPage(db, organizationId, { ...query, q: query.q });
  const filter = await callFilterFor(db, organizationId, query);
  const total = filter === undefined ? 0 : await countCalls(db, organizationId, filter);
  const offset = offsetWithin(query.page, query.limit, total);
  const rows =
    filter === undefined || offset === null
      ? []
      : await listCalls(db, organizationId, filter, { sort: query.sort, limit: query.limit, offset });
  return { calls: rows.map(presentCallSummary), pagination: paginate(query.page, query.limit, total) };
}

/** The call if the scope reaches it; anything else is the same 404. */
export async function findReachableCall(db: Database, scope: CallScope, callId: string): Promise<CallWithArtifacts> {
  const call = isUuid(callId) ? await findCall(db, scope, callId) : undefined;
  if (call === undefined) throw callNotFound();
  return call;
}

export async function getCallDetail(
  db: Database,
  links: ArtifactLinks,
  scope: CallScope,
  callId: string,
  include: { transcript?: boolean } = {},
): Promise<CallDetail> {
  const call = await findReachableCall(db, scope, callId);
  const detail = presentCallDetail(call, links);
  if (include.transcript !== true) return detail;
  const transcript = call.transcript_format === null ? undefined : await findTranscript(db, call.organization_id, call.id);
  return { ...detail, transcript: transcript === undefined ? null : transcriptTurns(transcript.format, transcript.content) };
}

class ExternalIdTaken extends Error {}

/**
 * Stores a finished call with its agent and transcript in one transaction. A repeated external id
 * returns the call already stored; under concurrent duplicates the unique index decides, and the
 * loser's transaction (with any agent it made) is rolled back.
 */
export async function recordCall(
  db: Database,
  clock: Clock,
  organizationId: string,
  body: CreateCallBody,
): Promise<{ callId: string; created: boolean }> {
  if (body.externalId !== undefined) {
    const existing = await findCallIdByExternalId(db, organizationId, body.externalId);
    if (existing !== undefined) return { callId: existing, created: false };
  }
  const callId = newId();
  try {
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const agentId = await resolveAgent(trx, organizationId, { id: body.agentId, name: body.agentName }, now);
      const inserted = await insertCall(trx, callRowFrom(body, { organizationId, callId, agentId }, now));
      if (!inserted) throw new ExternalIdTaken();
      const transcript = storedTranscript(body.transcript);
      if (transcript !== undefined) {
        await insertTranscript(trx, { organization_id: organizationId, call_id: callId, ...transcript });
      }
      await indexCalls(trx, [{ organizationId, callId, words: searchDocument(body.callSummary ?? null, transcript) }]);
    });
    return { callId, created: true };
  } catch (error) {
    if (!(error instanceof ExternalIdTaken) || body.externalId === undefined) throw error;
    const existing = await findCallIdByExternalId(db, organizationId, body.externalId);
    if (existing === undefined) throw error;
    return { callId: existing, created: false };
  }
}
