import type { Database } from '../db/database.js';
import type { ErrorDetail } from '../http/api-error.js';
import { detailsFromIssues } from '../http/validation-details.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { resolveAgentsByName, upsertAgentsById } from './agents.repository.js';
import { callRowFrom } from './call-row.js';
import { insertCalls } from './call-writes.js';
import { createCallBody, type CreateCallBody } from './calls.schemas.js';
import { storedTranscript } from './transcripts.js';

/** One row of an import file: the value it holds, or why it could not even be read. */
export type ImportRecord = { line: number; value: unknown } | { line: number; unreadable: string };

export interface RejectedRow {
  line: number;
  details: ErrorDetail[];
}

export interface ImportOutcome {
  imported: number;
  /** Valid rows whose external id the organization already held. */
  duplicates: number;
  rejected: RejectedRow[];
}

/**
 * Rows written per transaction: large enough that the commit, and the index and counter pages
 * rewritten with it, are shared by many calls; and no more text than this held at once, since a
 * transcript alone may run to millions of characters.
 */
const BATCH_SIZE = 5000;
const BATCH_CHARACTERS = 16_000_000;

/** Roughly how much text a call holds, for the bound on a batch's size. */
function charactersOf(call: CreateCallBody): number {
  const transcript = call.transcript;
  const transcriptLength =
    transcript === undefined || transcript === null ? 0 : typeof transcript === 'string' ? transcript.length : transcript.reduce((sum, turn) => sum + turn.text.length, 0);
  return transcriptLength + (call.callSummary?.length ?? 0) + 1000;
}

function validate(record: ImportRecord, organizationId: string): CreateCallBody | ErrorDetail[] {
  if ('unreadable' in record) return [{ field: 'row', message: record.unreadable, code: 'custom' }];
  const parsed = createCallBody.safeParse(record.value);
  if (!parsed.success) return detailsFromIssues(parsed.error.issues, 'row');
  if (parsed.data.organizationId !== undefined && parsed.data.organizationId !== organizationId) {
    return [{ field: 'organizationId', message: 'Must be the organization being imported into', code: 'custom' }];
  }
  return parsed.data;
}

/** Writes one batch of valid calls, with their agents and transcripts, in one transaction. */
async function writeBatch(db: Database, clock: Clock, organizationId: string, calls: CreateCallBody[], countSplitAbove: number | undefined): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const namedById = new Map<string, string>();
    const namedOnly = new Set<string>();
    for (const call of calls) {
      if (call.agentId === undefined) namedOnly.add(call.agentName);
      else namedById.set(call.agentId, call.agentName);
    }
    await upsertAgentsById(trx, organizationId, namedById, now);
    const agentIdsByName = await resolveAgentsByName(trx, organizationId, namedOnly, now);

    const rows = calls.map((call) => {
      const agentId = call.agentId ?? (agentIdsByName.get(call.agentName) as string);
      return { row: callRowFrom(call, { organizationId, callId: newId(), agentId }, now), transcript: storedTranscript(call.transcript) };
    });
    return (await insertCalls(trx, organizationId, rows, countSplitAbove)).size;
  });
}

/**
 * Imports calls into one organization. Every row is checked as `POST /api/calls` checks a body; bad
 * rows are reported with their line and the good ones kept. A repeated external id (in the store or
 * earlier in the file) is passed over, so running the same import twice adds nothing.
 */
export async function importCalls(
  db: Database,
  clock: Clock,
  organizationId: string,
  records: AsyncIterable<ImportRecord>,
  onProgress: (rowsRead: number) => void = () => undefined,
  countSplitAbove?: number,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: 0, duplicates: 0, rejected: [] };
  let batch: CreateCallBody[] = [];
  let characters = 0;
  let rowsRead = 0;
  const flush = async () => {
    const inserted = await writeBatch(db, clock, organizationId, batch, countSplitAbove);
    outcome.imported += inserted;
    outcome.duplicates += batch.length - inserted;
    batch = [];
    characters = 0;
    onProgress(rowsRead);
  };
  for await (const record of records) {
    rowsRead += 1;
    const checked = validate(record, organizationId);
    if (Array.isArray(checked)) outcome.rejected.push({ line: record.line, details: checked });
    else {
      batch.push(checked);
      characters += charactersOf(checked);
    }
    if (batch.length === BATCH_SIZE || characters >= BATCH_CHARACTERS) await flush();
  }
  if (batch.length > 0) await flush();
  onProgress(rowsRead);
  return outcome;
}
