import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { deleteCalls } from '../../src/calls/call-writes.js';
import { main } from '../../src/cli/main.js';
import type { DatabaseConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createOrganization } from '../../src/organizations/organizations.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { generatedCalls, organizationBody, type Dataset } from './dataset.js';

export interface ImportFigures {
  calls: number;
  importedPerSecond: number;
  deletedPerSecond: number;
}

/** Deleted per transaction: the import's own batch size, so the deletion rate is that of whole batches. */
const DELETE_BATCH = 5000;

/** An NDJSON file of `calls` generated calls in order of time, as an export would be; written once and kept. */
async function importFile(calls: number): Promise<string> {
  const file = path.resolve(`bench/.cache/import-${calls}-chronological.ndjson`);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  for await (const record of generatedCalls(calls, 424242, { prefix: 'import', chronological: true })) {
    if (!out.write(`${JSON.stringify('value' in record ? record.value : {})}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  fs.renameSync(partial, file);
  return file;
}

/**
 * `callbase import` of a file into a fresh organization of the store, run as the CLI runs (its own
 * connection, file reading and row checks included), then the same calls deleted in batches with
 * `deleteCalls`, so the store is left as it was. `check` is called after each step with the count
 * the organization should hold.
 */
export async function measureImport(
  db: Database,
  database: DatabaseConfig,
  dataset: Dataset,
  calls: number,
  check: (organizationId: string, expected: number) => Promise<boolean>,
): Promise<{ figures: ImportFigures; exact: boolean }> {
  const file = await importFile(calls);
  const actor = { tenantId: dataset.tenantId, keyId: null };
  const organizationId = (await createOrganization(db, systemClock, actor, organizationBody(`Bench import ${Date.now()}`))).organization.id;
  let output = '';
  const env = { ...process.env, DATABASE_URL: database.kind === 'postgres' ? database.url : database.path, LOG_LEVEL: 'silent' };
  const started = Date.now();
  const code = await main(['import', file, '--org', organizationId, '--json'], { out: (text) => (output += text), err: () => undefined, env });
  const importSeconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`callbase import failed (${code}): ${output}`);
  let exact = await check(organizationId, calls);

  const deleteStarted = Date.now();
  for (;;) {
    const ids = await db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).limit(DELETE_BATCH).execute();
    if (ids.length === 0) break;
    await db.transaction().execute((trx) => deleteCalls(trx, organizationId, ids.map((row) => row.id)));
  }
  const deleteSeconds = (Date.now() - deleteStarted) / 1000;
  exact = (await check(organizationId, 0)) && exact;
  const left = await db.selectFrom('call_counts').select('n').where('organization_id', '=', organizationId).execute();
  exact &&= left.length === 0;
  return {
    figures: { calls, importedPerSecond: Math.round(calls / importSeconds), deletedPerSecond: Math.round(calls / deleteSeconds) },
    exact,
  };
}
