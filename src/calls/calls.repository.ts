import type { Selectable } from 'kysely';
import { BulkStatement } from '../db/bulk-statement.js';
import { dialectOf, type Database } from '../db/database.js';
import type { CallsTable, CallTranscriptsTable, TranscriptFormat } from '../db/tables.js';
import { statementSlices } from '../db/statement-slices.js';
import type { CountedCall } from './call-count-keys.js';

export type CallRow = Selectable<CallsTable>;
export type TranscriptRow = Selectable<CallTranscriptsTable>;

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

const CALL_COLUMNS = [
  'organization_id',
  'id',
  'external_id',
  'call_type',
  'agent_id',
  'phone_number',
  'started_at',
  'ended_at',
  'duration_seconds',
  'ended_reason',
  'user_name',
  'user_phone_number',
  'user_primary_intent',
  'intent_key',
  'user_sentiment',
  'summary',
  'provider_recording_url',
  'created_at',
] as const satisfies ReadonlyArray<keyof CallRow>;

const insertCallRows = new BulkStatement<CallRow>(CALL_COLUMNS, (db, rows) =>
  db
    .insertInto('calls')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['organization_id', 'external_id']).doNothing()),
);

/** Rows per insert: 18 columns each, inside both databases' limits on bound parameters. */
const CALLS_PER_INSERT = 1000;

/**
 * Inserts many calls, passing over those whose external id the organization already holds; returns
 * the ids inserted. Ids are new, so when a chunk's count falls short, the ids now present are the
 * ones inserted; when it does not, nothing needs reading back.
 */
export async function insertCallsIgnoringDuplicates(db: Database, organizationId: string, rows: CallRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of statementSlices(rows, CALLS_PER_INSERT)) {
    const { numAffectedRows } = await insertCallRows.execute(db, chunk);
    const ids = chunk.map((row) => row.id);
    const present =
      Number(numAffectedRows) === chunk.length
        ? ids
        : (await db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).where('id', 'in', ids).execute()).map((row) => row.id);
    for (const id of present) inserted.add(id);
  }
  return inserted;
}

export async function insertTranscripts(db: Database, rows: TranscriptRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('call_transcripts').values(rows).execute();
}

const COUNTED_COLUMNS = ['call_type', 'agent_id', 'intent_key', 'started_at', 'duration_seconds'] as const;

/** What the counters need of the calls whose `column` lies in [from, to). */
export async function countedCallsBetween(
  db: Database,
  organizationId: string,
  column: 'started_at' | 'duration_seconds',
  from: number,
  to: number,
): Promise<CountedCall[]> {
  return db
    .selectFrom('calls')
    .select([...COUNTED_COLUMNS])
    .where('organization_id', '=', organizationId)
    .where(column, '>=', from)
    .where(column, '<', to)
    .execute();
}

/** Holds the call against deletion until the transaction ends (a PostgreSQL row lock; SQLite writes one at a time); false once it is gone. */
export async function lockCall(db: Database, organizationId: string, callId: string): Promise<boolean> {
  let query = db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).where('id', '=', callId);
  if (dialectOf(db) === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * Locks calls in id order until the transaction ends (PostgreSQL; SQLite writes one at a time), so
 * overlapping deletions queue instead of deadlocking, and a recording stored meanwhile lands
 * wholly before or wholly after.
 */
export async function lockCalls(db: Database, organizationId: string, ids: string[]): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/**
 * Deletes calls by id (transcripts, recording rows and search entries cascade) and returns what
 * the counters need of each, in id order. Counters are the caller's job: use `deleteCalls` in
 * call-writes.ts.
 */
export async function deleteCallRows(db: Database, organizationId: string, ids: string[]): Promise<Array<CountedCall & { id: string }>> {
  const rows = await db
    .deleteFrom('calls')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .returning(['id', ...COUNTED_COLUMNS])
    .execute();
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
