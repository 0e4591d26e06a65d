/**
 * Memory of a large export: loads 100,000 calls into one organization, serves them with the real
 * `callbase serve` (built first), exports them through the typed client as CSV and as NDJSON, and
 * reads the server's resident memory from /proc while it streams. The server's heap is capped
 * below the size of one export file, and a slow reader shows that the server waits for it instead
 * of buffering the rest.
 *
 *   npm run build && npx tsx bench/export-memory.ts
 *   npx tsx bench/export-memory.ts --calls 250000 --database postgres   (BENCH_POSTGRES_URL's server)
 *   npx tsx bench/export-memory.ts --heap-mb 32 --slow-mb-per-second 4
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importCalls } from '../src/calls/call-import.js';
import { Callbase } from '../src/client/index.js';
import type { DatabaseConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createOrganization } from '../src/organizations/organizations.service.js';
import { systemClock } from '../src/shared/clock.js';
import { createTenant } from '../src/tenants/tenants.service.js';
import { withAdminClient, withDatabaseName } from '../test/support/postgres-admin.js';
import { generatedCalls, organizationBody } from './list-calls/dataset.js';
import { freePort, waitUntilReady } from './support.js';

const { values: flags } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    database: { type: 'string', default: 'sqlite' },
    'slow-mb-per-second': { type: 'string', default: '8' },
    'heap-mb': { type: 'string', default: '48' },
  },
});
const CALLS = Number(flags.calls);
const SLOW_BYTES_PER_SECOND = Number(flags['slow-mb-per-second']) * 1024 * 1024;
const log = (line: string) => process.stderr.write(`${line}\n`);
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The process's resident set now and at its peak so far, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function database(folder: string): Promise<{ config: DatabaseConfig; url: string; drop(): Promise<void> }> {
  if (flags.database === 'sqlite') {
    const file = path.join(folder, 'callbase.db');
    return { config: { kind: 'sqlite', path: file }, url: file, drop: async () => undefined };
  }
  const server = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `callbase_export_bench_${process.pid}`;
  await withAdminClient(server, (client) => client.query(`create database "${name}"`));
  const url = withDatabaseName(server, name);
  return {
    config: { kind: 'postgres', url, poolSize: 4 },
    url,
    drop: () => withAdminClient(server, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

interface Run {
  name: string;
  calls: number;
  bytes: number;
  seconds: number;
  rssBefore: number;
  rssMax: number;
  rssAfter: number;
  peakBefore: number;
  peakAfter: number;
}

async function exportOnce(callbase: Callbase, pid: number, organizationId: string, format: 'csv' | 'ndjson', slow: boolean): Promise<Run> {
  const before = await memoryOf(pid);
  let rssMax = before.rss;
  const sampler = setInterval(() => {
    memoryOf(pid).then((now) => (rssMax = Math.max(rssMax, now.rss)), () => undefined);
  }, 20);
  const started = Date.now();
  const exported = await callbase.calls.export({ organizationId, format, sort: 'asc' });
  let bytes = 0;
  let lines = 0;
  let unpaused = 0;
  for await (const chunk of exported.body) {
    bytes += chunk.byteLength;
    unpaused += chunk.byteLength;
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    // A twentieth of a second's worth of bytes, then a twentieth of a second's pause.
    if (slow && unpaused >= SLOW_BYTES_PER_SECOND / 20) {
      unpaused = 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const after = await memoryOf(pid);
  const calls = format === 'csv' ? lines - 1 : lines;
  if (exported.total !== CALLS || calls < CALLS) throw new Error(`${format}: expected ${CALLS} calls, the export announced ${exported.total} and held ${calls} lines`);
  return {
    name: `${format}${slow ? `, reader at ${flags['slow-mb-per-second']} MB/s` : ''}`,
    calls: exported.total,
    bytes,
    seconds,
    rssBefore: before.rss,
    rssMax: Math.max(rssMax, after.rss),
    rssAfter: after.rss,
    peakBefore: before.peak,
    peakAfter: after.peak,
  };
}

function printTable(runs: Run[]): void {
  const cells = [
    ['export', 'calls', 'MB', 's', 'RSS before', 'RSS max', 'RSS after', 'peak RSS before', 'peak RSS after'],
    ...runs.map((run) => [
      run.name,
      run.calls.toLocaleString('en-US'),
      megabytes(run.bytes),
      run.seconds.toFixed(1),
      ...[run.rssBefore, run.rssMax, run.rssAfter, run.peakBefore, run.peakAfter].map((bytes) => `${megabytes(bytes)} MB`),
    ]),
  ];
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  console.log(`\nServer memory while exporting ${CALLS.toLocaleString('en-US')} calls on ${flags.database}, its old-space heap capped at ${flags['heap-mb']} MB (RSS sampled every 20 ms; peak = VmHWM)`);
  for (const line of cells) console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-export-bench-'));
const store = await database(folder);
try {
  const db = createDatabase(store.config);
  await migrateToLatest(db);
  const { tenantId, apiKey } = await createTenant(db, systemClock, 'Export bench');
  const { organization } = await createOrganization(db, systemClock, { tenantId, keyId: null }, organizationBody('Export bench clinic'));
  log(`loading ${CALLS.toLocaleString('en-US')} calls into ${flags.database}...`);
  const outcome = await importCalls(db, systemClock, organization.id, generatedCalls(CALLS, 1));
  if (outcome.imported !== CALLS) throw new Error(`imported ${outcome.imported} of ${CALLS} calls`);
  // As autovacuum would soon after a bulk load: without statistics PostgreSQL plans the batches as sorts.
  await sql`analyze`.execute(db);
  await db.destroy();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.resolve('bin/callbase.js'), 'serve'], {
    // The heap is capped below the size of one export: buffering a whole file would run out of memory.
    env: { ...process.env, PORT: String(port), DATABASE_URL: store.url, LOG_LEVEL: 'warn', NODE_OPTIONS: `--max-old-space-size=${flags['heap-mb']}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitUntilReady(url);
    const callbase = new Callbase({ url, apiKey });
    await callbase.calls.list({ organizationId: organization.id });
    const runs: Run[] = [];
    for (const [format, slow] of [['csv', false], ['ndjson', false], ['ndjson', true]] as const) {
      log(`exporting as ${format}${slow ? ' to a slow reader' : ''}...`);
      runs.push(await exportOnce(callbase, server.pid!, organization.id, format, slow));
    }
    printTable(runs);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
} finally {
  await store.drop();
  await fs.rm(folder, { recursive: true, force: true });
}
