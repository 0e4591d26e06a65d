import { pipeline, Readable, Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Database } from '../db/database.js';
import { callFilterFor } from './call-filter.js';
import { presentExportedCall } from './call-presenter.js';
import { countCalls, cursorOf, listCallsAfter, type CallCursor, type CallFilter } from './call-listing.repository.js';
import { exportedCall, type CallSort, type ExportCallsQuery, type ExportedCall, type ExportFormat } from './calls.schemas.js';

/** Calls read per query: each batch is one short indexed range scan, so no connection is held between them. */
const BATCH_SIZE = 500;

/** The exported fields, in the schema's order: CSV columns and NDJSON keys alike. */
export const exportColumns = exportedCall.keyof().options;

export interface CallExport {
  /** How many calls the export holds. */
  total: number;
  /** The calls, queried a batch at a time as the reader asks for more. */
  calls: AsyncGenerator<ExportedCall>;
}

async function* walk(db: Database, organizationId: string, filter: CallFilter, sort: CallSort): AsyncGenerator<ExportedCall> {
  let after: CallCursor | undefined;
  for (;;) {
    const rows = await listCallsAfter(db, organizationId, filter, { sort, limit: BATCH_SIZE, after });
    for (const row of rows) yield presentExportedCall(row, exportColumns);
    const last = rows.at(-1);
    if (last === undefined || rows.length < BATCH_SIZE) return;
    after = cursorOf(last, sort);
  }
}

async function* nothing(): AsyncGenerator<ExportedCall> {}

/** The calls an export begun at `snapshotAt` holds; undefined when none can match. */
async function exportFilter(db: Database, organizationId: string, query: ExportCallsQuery, snapshotAt: number): Promise<CallFilter | undefined> {
  const matching = await callFilterFor(db, organizationId, query);
  return matching === undefined ? undefined : { ...matching, createdAtMost: snapshotAt };
}

/** How many calls an export begun at `snapshotAt` would hold, counted in the database: all a HEAD needs. */
export async function countCallExport(db: Database, organizationId: string, query: ExportCallsQuery, snapshotAt: number): Promise<number> {
  const filter = await exportFilter(db, organizationId, query, snapshotAt);
  return filter === undefined ? 0 : countCalls(db, organizationId, filter);
}

/**
 * Every call matching List Calls' filters, in its order, as the organization held them at
 * `snapshotAt`: calls recorded later are left out, however long the walk takes.
 */
export async function startCallExport(db: Database, organizationId: string, query: ExportCallsQuery, snapshotAt: number): Promise<CallExport> {
  const filter = await exportFilter(db, organizationId, query, snapshotAt);
  if (filter === undefined) return { total: 0, calls: nothing() };
  return { total: await countCalls(db, organizationId, filter), calls: walk(db, organizationId, filter, query.sort) };
}

const ndjsonLines = () =>
  new Transform({
    writableObjectMode: true,
    transform(call: ExportedCall, _encoding, done) {
      done(null, `${JSON.stringify(call)}\n`);
    },
  });

export const exportMediaTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson',
};

/**
 * The export as bytes. Streams pull: the next batch is queried only when the client has taken the
 * last, so memory stays flat whatever the size. A failure midway ends the stream with an error,
 * which cuts the connection: a client never mistakes a partial file for a whole one.
 */
export function exportStream(calls: AsyncGenerator<ExportedCall>, format: ExportFormat): Readable {
  const encoder = format === 'csv' ? stringify({ header: true, columns: [...exportColumns] }) : ndjsonLines();
  return pipeline(Readable.from(calls), encoder, () => undefined);
}
