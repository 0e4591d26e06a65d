import type { Transact } from '../db/commit-groups.js';
import type { Database } from '../db/database.js';
import { callNotFound } from '../http/api-error.js';
import type { Clock } from '../shared/clock.js';
import { isUuid, newId } from '../shared/ids.js';
import { offsetWithin, paginate } from '../shared/pagination.js';
import type { ArtifactLinks } from '../signing/artifact-links.js';
import { resolveAgent } from './agents.repository.js';
import { callFilterFor } from './call-filter.js';
import { presentCallDetail, presentCallSummary } from './call-presenter.js';
import { countCalls, listCallsAfter, listCallsWithin, sortOrders, type CallFilter } from './call-listing.repository.js';
import { callRowFrom } from './call-row.js';
import { planPage } from './call-pages.js';
import { insertCalls } from './call-writes.js';
import { findCall, findCallIdByExternalId, findTranscript, type CallScope, type CallWithArtifacts } from './calls.repository.js';
import type { CallDetail, CreateCallBody, ListCallsQuery } from './calls.schemas.js';
import { storedTranscript, transcriptTurns } from './transcripts.js';

/**
 * Where a page of calls lies, from the counters: its exact total, and the short stretch of the sort
 * column to read it from.
 */
async function countedPage(db: Database, organizationId: string, filter: CallFilter, query: ListCallsQuery) {
  const plan = await planPage(db, organizationId, filter, query);
  if (plan.seek === undefined) return { total: plan.total, rows: [] };
  const { range, skip, take, fromEnd } = plan.seek;
  const { column, direction } = sortOrders[query.sort];
  const readDirection = fromEnd ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  const rows = await listCallsWithin(db, organizationId, filter, [range], { column, direction: readDirection, limit: take, offset: skip });
  return { total: plan.total, rows: fromEnd ? rows.reverse() : rows };
}

/** A page of calls searched for words, which no counter answers: counted and skipped to in the index. */
async function searchedPage(db: Database, organizationId: string, filter: CallFilter, query: ListCallsQuery) {
  const total = await countCalls(db, organizationId, filter);
  const offset = offsetWithin(query.page, query.limit, total);
  const rows = offset === null ? [] : await listCallsAfter(db, organizationId, filter, { sort: query.sort, limit: query.limit, offset });
  return { total, rows };
}

/**
 * One page of List Calls with its exact total. With `q`, only the calls whose transcript or summary
 * holds every word of it (as a prefix). Everything is read in one snapshot (a read-only
 * repeatable-read transaction on PostgreSQL), so the total and the page agree even while calls are
 * written.
 */
export async function listCallsPage(db: Database, organizationId: string, query: ListCallsQuery) {
  const { total, rows } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const filter = await callFilterFor(trx, organizationId, query);
      if (filter === undefined) return { total: 0, rows: [] };
      return filter.words === undefined ? countedPage(trx, organizationId, filter, query) : searchedPage(trx, organizationId, filter, query);
    });
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

/** What storing a call needs: the store, a clock, how write transactions run, and the counters' split threshold. */
export interface CallWriting {
  db: Database;
  clock: Clock;
  transact: Transact;
  countSplitAbove: number;
}

/**
 * A call just stored, as it now stands: its agent carries the name posted (an agent known by id
 * is renamed to it; one known by name has it), so it need not be read back. Or the call already
 * stored under the same external id.
 */
export type RecordedCall = { created: true; call: CallWithArtifacts } | { created: false; callId: string };

/**
 * Stores a finished call with its agent and transcript in one transaction. A repeated external id
 * is caught by the insert itself, concurrent duplicates included: the unique index passes it over,
 * this call's transaction (with any agent it made or renamed) is rolled back, and the call already
 * stored is returned. Repeats are rare, so they pay for that rather than every call paying a lookup.
 */
export async function recordCall(
  { db, clock, transact, countSplitAbove }: CallWriting,
  organizationId: string,
  body: CreateCallBody,
): Promise<RecordedCall> {
  const callId = newId();
  try {
    const call = await transact(async (trx) => {
      const now = clock.now();
      const agentId = await resolveAgent(trx, organizationId, { id: body.agentId, name: body.agentName }, now);
      const stored = { row: callRowFrom(body, { organizationId, callId, agentId }, now), transcript: storedTranscript(body.transcript) };
      const inserted = await insertCalls(trx, organizationId, [stored], countSplitAbove);
      if (!inserted.has(callId)) throw new ExternalIdTaken();
      return { ...stored.row, agent_name: body.agentName, transcript_format: stored.transcript?.format ?? null, recording_content_type: null };
    });
    return { created: true, call };
  } catch (error) {
    if (!(error instanceof ExternalIdTaken) || body.externalId === undefined) throw error;
    const existing = await findCallIdByExternalId(db, organizationId, body.externalId);
    if (existing === undefined) throw error;
    return { callId: existing, created: false };
  }
}
