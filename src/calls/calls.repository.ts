import type { Selectable } from 'kysely';
import { dialectOf, type Database } from '../db/database.js';
import type { CallsTable, CallTranscriptsTable, CallType, TranscriptFormat } from '../db/tables.js';
import { deleteRecordings, type RecordingLocation } from '../recordings/recordings.repository.js';
import { unindexCalls } from './call-search.repository.js';
import type { CallSort } from './calls.schemas.js';

export type CallRow = Selectable<CallsTable>;
export type TranscriptRow = Selectable<CallTranscriptsTable>;

/** Filters of List Calls, with the agent name already resolved to the organization's agent ids. */
export interface CallFilter {
  callType?: CallType;
  agentIds?: string[];
  from?: number;
  to?: number;
  intentKey?: string;
  /** Only calls recorded at or before this instant: an export's snapshot. */
  createdAtMost?: number;
}

export interface CallWithAgent extends CallRow {
  agent_name: string | null;
}

export interface CallWithArtifacts extends CallWithAgent {
  transcript_format: TranscriptFormat | null;
  /** Set when a recording was uploaded. */
  recording_content_type: string | null;
}

/** Who may see a call: a tenant's live organizations, narrowed to one organization when known. */
export interface CallScope {
  tenantId: string;
  organizationId: string | undefined;
}

const sortOrders: Record<CallSort, { column: 'started_at' | 'duration_seconds'; direction: 'asc' | 'desc' }> = {
  desc: { column: 'started_at', direction: 'desc' },
  asc: { column: 'started_at', direction: 'asc' },
  duration_desc: { column: 'duration_seconds', direction: 'desc' },
  duration_asc: { column: 'duration_seconds', direction: 'asc' },
};

/** The organization's calls that pass the filter; the one place a filter becomes SQL. */
export function matchingCalls(db: Database, organizationId: string, filter: CallFilter) {
  let query = db.selectFrom('calls as c').where('c.organization_id', '=', organizationId);
  if (filter.callType !== undefined) query = query.where('c.call_type', '=', filter.callType);
  if (filter.agentIds !== undefined) query = query.where('c.agent_id', 'in', filter.agentIds);
  if (filter.from !== undefined) query = query.where('c.started_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('c.started_at', '<=', filter.to);
  if (filter.intentKey !== undefined) query = query.where('c.intent_key', '=', filter.intentKey);
  if (filter.createdAtMost !== undefined) query = query.where('c.created_at', '<=', filter.createdAtMost);
  return query;
}

export async function countCalls(db: Database, organizationId: string, filter: CallFilter): Promise<number> {
  const { count } = await matchingCalls(db, organizationId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function listCalls(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  page: { sort: CallSort; limit: number; offset: number },
): Promise<CallWithAgent[]> {
  const order = sortOrders[page.sort];
  return matchingCalls(db, organizationId, filter)
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .selectAll('c')
    .select('a.name as agent_name')
    .orderBy(`c.${order.column}`, order.direction)
    .orderBy('c.id', order.direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Where a keyset walk stopped: the sort column's value and the id of the last call returned. */
export interface CallCursor {
  value: number;
  id: string;
}

export function cursorOf(call: CallRow, sort: CallSort): CallCursor {
  return { value: call[sortOrders[sort].column], id: call.id };
}

/**
 * The next calls in List Calls' order after a cursor: a range scan of the sort's index from where
 * the last batch ended, so every batch costs the same however deep the walk goes.
 */
export async function listCallsAfter(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  page: { sort: CallSort; limit: number; after: CallCursor | undefined },
): Promise<CallWithAgent[]> {
  const order = sortOrders[page.sort];
  let query = matchingCalls(db, organizationId, filter);
  const { after } = page;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb(eb.refTuple(`c.${order.column}`, 'c.id'), order.direction === 'asc' ? '>' : '<', eb.tuple(after.value, after.id)),
    );
  }
  return query
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .selectAll('c')
    .select('a.name as agent_name')
    .orderBy(`c.${order.column}`, order.direction)
    .orderBy('c.id', order.direction)
    .limit(page.limit)
    .execute();
}

export async function findCall(db: Database, scope: CallScope, callId: string): Promise<CallWithArtifacts | undefined> {
  let query = db
    .selectFrom('calls as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .leftJoin('agents as a', (join) => join.onRef('a.organization_id', '=', 'c.organization_id').onRef('a.id', '=', 'c.agent_id'))
    .leftJoin('call_transcripts as t', (join) => join.onRef('t.organization_id', '=', 'c.organization_id').onRef('t.call_id', '=', 'c.id'))
    .leftJoin('call_recordings as r', (join) => join.onRef('r.organization_id', '=', 'c.organization_id').onRef('r.call_id', '=', 'c.id'))
    .selectAll('c')
    .select(['a.name as agent_name', 't.format as transcript_format', 'r.content_type as recording_content_type'])
    .where('c.id', '=', callId)
    .where('o.tenant_id', '=', scope.tenantId)
    .where('o.deleted_at', 'is', null);
  if (scope.organizationId !== undefined) query = query.where('c.organization_id', '=', scope.organizationId);
  return query.executeTakeFirst();
}

export async function findCallIdByExternalId(db: Database, organizationId: string, externalId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('calls')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.id;
}

/** Inserts unless the organization already holds the call's external id; reports whether it did. */
export async function insertCall(db: Database, row: CallRow): Promise<boolean> {
  const inserted = await db
    .insertInto('calls')
    .values(row)
    .onConflict((conflict) => conflict.columns(['organization_id', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertTranscript(db: Database, row: TranscriptRow): Promise<void> {
  await db.insertInto('call_transcripts').values(row).execute();
}

export async function findTranscript(db: Database, organizationId: string, callId: string): Promise<TranscriptRow | undefined> {
  return db
    .selectFrom('call_transcripts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

/** A call's transcript for a signed link: the link is the authority, so only liveness is checked. */
export async function findTranscriptOfLiveCall(db: Database, callId: string): Promise<TranscriptRow | undefined> {
  return db
    .selectFrom('call_transcripts as t')
    .innerJoin('organizations as o', 'o.id', 't.organization_id')
    .selectAll('t')
    .where('t.call_id', '=', callId)
    .where('o.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Inserts many calls, passing over those whose external id the organization already holds; returns the ids inserted. */
export async function insertCallsIgnoringDuplicates(db: Database, rows: CallRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('calls')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['organization_id', 'external_id']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((row) => row.id));
}

export async function insertTranscripts(db: Database, rows: TranscriptRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('call_transcripts').values(rows).execute();
}

/** Holds the call against deletion until the transaction ends (a PostgreSQL row lock; SQLite writes one at a time); false once it is gone. */
export async function lockCall(db: Database, organizationId: string, callId: string): Promise<boolean> {
  let query = db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).where('id', '=', callId);
  if (dialectOf(db) === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

export interface DeletedCalls {
  /** Call rows removed, which may be fewer than asked when another deletion got there first. */
  count: number;
  /** Recordings whose bytes outlive the rows in files, to unlink once the transaction has committed. */
  recordings: RecordingLocation[];
}

/**
 * The one way call rows are deleted: with their search entries, recordings (database chunks
 * included) and transcripts, in the caller's transaction. Files of recordings are returned for
 * removal after the commit, so a crash in between leaves unreferenced files, never rows without
 * their bytes.
 */
export async function deleteCalls(db: Database, organizationId: string, callIds: string[]): Promise<DeletedCalls> {
  if (callIds.length === 0) return { count: 0, recordings: [] };
  // Lock the calls first, so a recording stored concurrently lands before this deletion (and is
  // returned for unlinking) or after it (and finds no call), never unseen in between.
  if (dialectOf(db) === 'postgres') {
    await db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).where('id', 'in', callIds).forUpdate().execute();
  }
  await unindexCalls(db, organizationId, callIds);
  const recordings = await deleteRecordings(db, organizationId, callIds);
  await db.deleteFrom('call_transcripts').where('organization_id', '=', organizationId).where('call_id', 'in', callIds).execute();
  const result = await db.deleteFrom('calls').where('organization_id', '=', organizationId).where('id', 'in', callIds).executeTakeFirst();
  return { count: Number(result.numDeletedRows), recordings };
}

/** The organization's calls that started before `before`, oldest first, at most `limit` of them. */
export async function expiredCallIds(db: Database, organizationId: string, before: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('calls')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('started_at', '<', before)
    .orderBy('started_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
