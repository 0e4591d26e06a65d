/**
 * List Calls at scale: builds (once, then cached) a store of calls through the import path, serves it
 * with the real app, and drives a fixed query mix with autocannon, checking every answer's total and
 * page against a plain-SQL count so that a fast wrong answer fails.
 *
 *   npm run bench                         10,000,000 calls over 1,000 organizations, SQLite and PostgreSQL
 *   npm run bench -- --quick              1,000,000 calls, for a laptop
 *   npm run bench -- --calls 250000 --databases sqlite --seconds 3
 *
 * PostgreSQL runs in a database of its own on BENCH_POSTGRES_URL's server (default the local test
 * server); SQLite in bench/.cache/. Targets: p50 <= 5 ms and p99 <= 25 ms for every query class at 32
 * connections, the default page at >= 40% of a fixed body's throughput, >= 2,000 writes/s on SQLite.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type DatabaseConfig } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createOrganization } from '../src/organizations/organizations.service.js';
import { systemClock } from '../src/shared/clock.js';
import { withAdminClient, withDatabaseName } from '../test/support/postgres-admin.js';
import { ensureDataset, organizationBody, type Dataset } from './list-calls/dataset.js';
import { drive, type LoadFigures } from './list-calls/load.js';
import { queryClasses, queryPath, referenceCount, referencePage, type ListAnswer } from './list-calls/queries.js';
import { freePort } from './support.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    calls: { type: 'string' },
    organizations: { type: 'string', default: '1000' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
  },
});
const CALLS = Number(flags.calls ?? (flags.quick ? 1_000_000 : 10_000_000));
const ORGANIZATIONS = Number(flags.organizations);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function storeFor(kind: string): Promise<DatabaseConfig> {
  if (kind === 'sqlite') {
    const folder = path.resolve('bench/.cache');
    await fs.mkdir(folder, { recursive: true });
    return { kind: 'sqlite', path: path.join(folder, `calls-${CALLS}.db`) };
  }
  const server = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `callbase_bench_${CALLS}`;
  await withAdminClient(server, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name}"`);
  });
  return { kind: 'postgres', url: withDatabaseName(server, name), poolSize: 10 };
}

interface Row {
  name: string;
  figures: LoadFigures;
  correct: boolean | undefined;
  meetsLatency: boolean | undefined;
}

/** autocannon stops without waiting for the requests it cut off; the server still finishes them. */
async function settled(db: Database, organizationId: string): Promise<void> {
  const query = { name: 'writes', organizationId, params: {} };
  let previous = -1;
  for (let count = await referenceCount(db, query); count !== previous; count = await referenceCount(db, query)) {
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function checkAnswer(app: FastifyInstance, db: Database, key: string, query: ReturnType<typeof queryClasses>[number]): Promise<boolean> {
  const response = await app.inject({ method: 'GET', url: queryPath(query), headers: { authorization: `Bearer ${key}` } });
  const answer = response.json() as ListAnswer;
  const [total, ids] = await Promise.all([referenceCount(db, query), referencePage(db, query)]);
  const correct = response.statusCode === 200 && answer.pagination.total === total && answer.calls.map((c) => c.id).join() === ids.join();
  if (!correct) log(`  WRONG ANSWER for ${query.name}: total ${answer.pagination?.total} (expected ${total})`);
  return correct;
}

function printTable(kind: string, rows: Row[], baseline: LoadFigures): void {
  const cells = [['query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'exact', 'latency target'], ...rows.map((row) => [
    row.name,
    String(row.figures.requestsPerSecond),
    String(row.figures.p50),
    String(row.figures.p99),
    String(row.figures.errors),
    row.correct === undefined ? '' : row.correct ? 'yes' : 'NO',
    row.meetsLatency === undefined ? '' : row.meetsLatency ? 'met' : 'missed',
  ])];
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  console.log(`\n${kind}: ${CALLS.toLocaleString('en-US')} calls over ${ORGANIZATIONS} organizations, ${CONNECTIONS} connections, ${SECONDS} s per query`);
  for (const line of cells) console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  const ratio = rows[0]!.figures.requestsPerSecond / baseline.requestsPerSecond;
  console.log(`fixed List Calls body: ${baseline.requestsPerSecond} req/s; default page / fixed body = ${ratio.toFixed(2)} (target >= 0.40: ${ratio >= 0.4 ? 'met' : 'missed'})`);
}

async function benchmark(kind: string): Promise<boolean> {
  const database = await storeFor(kind);
  const db = createDatabase(database);
  await migrateToLatest(db);
  log(`${kind}: preparing ${CALLS.toLocaleString('en-US')} calls (built once, then reused)`);
  const dataset: Dataset = await ensureDataset(db, CALLS, ORGANIZATIONS, log);
  const config = loadConfig({ ...process.env, DATABASE_URL: database.kind === 'postgres' ? database.url : database.path, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000', PORT: String(await freePort()) });
  const app = await buildApp(config);
  let fixedBody = '';
  // The floor the query path is measured against: the same server and stack, answering a real page without querying.
  app.get('/bench/fixed-list-calls', async (_request, reply) => reply.type('application/json; charset=utf-8').send(fixedBody));
  const first = await app.inject({ method: 'GET', url: queryPath({ name: '', organizationId: dataset.largeOrganizationId, params: {} }), headers: { authorization: `Bearer ${dataset.tenantKey}` } });
  fixedBody = first.body;
  await app.listen({ host: '127.0.0.1', port: config.port });
  const url = `http://127.0.0.1:${config.port}`;
  const headers = { authorization: `Bearer ${dataset.tenantKey}` };
  try {
    const lastPage = (first.json() as ListAnswer).pagination.totalPages;
    const rows: Row[] = [];
    let allCorrect = true;
    for (const query of queryClasses(dataset, lastPage)) {
      const correct = await checkAnswer(app, db, dataset.tenantKey, query);
      allCorrect &&= correct;
      const figures = await drive(url + queryPath(query), { connections: CONNECTIONS, seconds: SECONDS, headers });
      rows.push({ name: query.name, figures, correct, meetsLatency: figures.p50 <= 5 && figures.p99 <= 25 && figures.errors === 0 });
    }
    const writer = { tenantId: dataset.tenantId, keyId: null };
    const writes = (await createOrganization(db, systemClock, writer, organizationBody(`Bench writes ${Date.now()}`))).organization.id;
    const body = JSON.stringify({ organizationId: writes, externalId: '[<id>]', callType: 'Inbound', agentId: 'agent-0', agentName: 'Front Desk Assistant', phoneNumber: '+15559876543', callStartedAt: '2025-05-28T14:20:15Z', callEndedAt: '2025-05-28T14:23:15Z', userPrimaryIntent: 'Book appointment' });
    const written = await drive(`${url}/api/calls`, { connections: CONNECTIONS, seconds: SECONDS, headers: { ...headers, 'content-type': 'application/json' }, method: 'POST', body });
    await settled(db, writes);
    const writesExact = await checkAnswer(app, db, dataset.tenantKey, { name: 'after writes', organizationId: writes, params: {} });
    allCorrect &&= writesExact;
    rows.push({ name: 'POST /api/calls', figures: written, correct: writesExact, meetsLatency: undefined });
    const baseline = await drive(`${url}/bench/fixed-list-calls`, { connections: CONNECTIONS, seconds: SECONDS, headers });
    printTable(kind, rows, baseline);
    if (kind === 'sqlite') console.log(`writes: ${written.requestsPerSecond} calls/s (target >= 2,000 on SQLite: ${written.requestsPerSecond >= 2000 ? 'met' : 'missed'})`);
    return allCorrect;
  } finally {
    await app.close();
    await db.destroy();
  }
}

let exact = true;
for (const kind of flags.databases.split(',').map((name) => name.trim())) {
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`unknown database ${kind}: use sqlite or postgres`);
  exact = (await benchmark(kind)) && exact;
}
process.exitCode = exact ? 0 : 1;
