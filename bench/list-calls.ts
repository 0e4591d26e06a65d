/**
 * List Calls at scale: builds (once, then cached) a store of calls through the import path, serves it
 * with the real app, and drives a fixed query mix with autocannon, checking every answer's total and
 * page against plain SQL so that a fast wrong answer fails. Then writes at full concurrency while
 * totals are checked, and `callbase import` of a fresh file followed by deleting what it imported.
 *
 *   npm run bench                         10,000,000 calls over 1,000 organizations, SQLite and PostgreSQL
 *   npm run bench -- --quick              1,000,000 calls, for a laptop
 *   npm run bench -- --calls 250000 --databases sqlite --seconds 3
 *
 * PostgreSQL runs in a database of its own on BENCH_POSTGRES_URL's server (default the local test
 * server); SQLite in bench/.cache/. Targets: p50 <= 5 ms and p99 <= 25 ms for every query class at 32
 * connections, the default page at >= 40% of a fixed body's throughput, >= 2,000 writes/s on SQLite,
 * imports at >= 30,000 calls/s on SQLite and >= 15,000 on PostgreSQL.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type DatabaseConfig } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { withAdminClient, withDatabaseName } from '../test/support/postgres-admin.js';
import { ensureDataset, type Dataset } from './list-calls/dataset.js';
import { measureImport } from './list-calls/import-rate.js';
import { drive } from './list-calls/load.js';
import { queryClasses, queryPath, referenceCount, referencePage, type ListAnswer, type QueryClass, type QueryMix } from './list-calls/queries.js';
import { printTable, type Row } from './list-calls/report.js';
import { measureWrites } from './list-calls/writes.js';
import { freePort } from './support.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    calls: { type: 'string' },
    organizations: { type: 'string', default: '1000' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    import: { type: 'string' },
  },
});
const CALLS = Number(flags.calls ?? (flags.quick ? 1_000_000 : 10_000_000));
const ORGANIZATIONS = Number(flags.organizations);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const IMPORT_CALLS = Number(flags.import ?? Math.min(200_000, Math.max(10_000, CALLS / 50)));
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

/** autocannon stops without waiting for the requests it cut off; the server still finishes them. */
async function settled(db: Database, organizationId: string): Promise<void> {
  const query = { name: 'writes', organizationId, params: {} };
  let previous = -1;
  for (let count = await referenceCount(db, query); count !== previous; count = await referenceCount(db, query)) {
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const ask = async (app: FastifyInstance, key: string, query: QueryClass) =>
  app.inject({ method: 'GET', url: queryPath(query), headers: { authorization: `Bearer ${key}` } });

async function checkAnswer(app: FastifyInstance, db: Database, key: string, query: QueryClass): Promise<boolean> {
  const response = await ask(app, key, query);
  const answer = response.json() as ListAnswer;
  const [total, ids] = await Promise.all([referenceCount(db, query), referencePage(db, query)]);
  const correct = response.statusCode === 200 && answer.pagination.total === total && answer.calls.map((c) => c.id).join() === ids.join();
  if (!correct) log(`  WRONG ANSWER for ${query.name}: total ${answer.pagination?.total} (expected ${total})`);
  return correct;
}

/** A class's page, with 'middle' and 'last' found from its own total. */
async function resolved(app: FastifyInstance, key: string, mix: QueryMix): Promise<QueryClass> {
  if (mix.page === undefined) return mix;
  if (typeof mix.page === 'number') return { ...mix, params: { ...mix.params, page: String(mix.page) } };
  const { pagination } = (await ask(app, key, mix)).json() as ListAnswer;
  const page = mix.page === 'last' ? pagination.totalPages : Math.max(1, Math.floor(pagination.totalPages / 2));
  return { ...mix, params: { ...mix.params, page: String(page) } };
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
  fixedBody = (await ask(app, dataset.tenantKey, { name: '', organizationId: dataset.largeOrganizationId, params: {} })).body;
  await app.listen({ host: '127.0.0.1', port: config.port });
  const url = `http://127.0.0.1:${config.port}`;
  const headers = { authorization: `Bearer ${dataset.tenantKey}` };
  const loadBefore = os.loadavg()[0]!;
  try {
    const rows: Row[] = [];
    let allCorrect = true;
    for (const mix of queryClasses(dataset)) {
      const query = await resolved(app, dataset.tenantKey, mix);
      const correct = await checkAnswer(app, db, dataset.tenantKey, query);
      allCorrect &&= correct;
      const figures = await drive(url + queryPath(query), { connections: CONNECTIONS, seconds: SECONDS, headers });
      rows.push({ name: query.name, figures, correct, meetsLatency: figures.p50 <= 5 && figures.p99 <= 25 && figures.errors === 0 });
    }
    const baseline = await drive(`${url}/bench/fixed-list-calls`, { connections: CONNECTIONS, seconds: SECONDS, headers });

    const writes = await measureWrites(app, db, url, dataset, { connections: CONNECTIONS, seconds: SECONDS });
    await settled(db, writes.organizationId);
    const writesExact = writes.wrong === 0 && (await checkAnswer(app, db, dataset.tenantKey, { name: 'after writes', organizationId: writes.organizationId, params: {} }));
    allCorrect &&= writesExact;
    rows.push({ name: 'POST /api/calls', figures: writes.figures, correct: writesExact, meetsLatency: undefined });

    const check = async (organizationId: string, expected: number) => {
      const answer = (await ask(app, dataset.tenantKey, { name: 'import', organizationId, params: {} })).json() as ListAnswer;
      return answer.pagination.total === expected && (await referenceCount(db, { name: 'import', organizationId, params: {} })) === expected;
    };
    const imported = await measureImport(db, database, dataset, IMPORT_CALLS, check);
    allCorrect &&= imported.exact;

    printTable({ kind, calls: CALLS, organizations: ORGANIZATIONS, connections: CONNECTIONS, seconds: SECONDS }, rows, baseline);
    const writeTarget = kind === 'sqlite' ? ` (target >= 2,000 on SQLite: ${writes.figures.requestsPerSecond >= 2000 ? 'met' : 'missed'})` : '';
    console.log(`writes: ${writes.figures.requestsPerSecond} calls/s${writeTarget}; List Calls checked ${writes.checks} times while they ran, ${writes.wrong} out of bounds`);
    const importTarget = kind === 'sqlite' ? 30_000 : 15_000;
    console.log(
      `callbase import of ${IMPORT_CALLS.toLocaleString('en-US')} calls in order of time into one organization: ${imported.figures.importedPerSecond} calls/s ` +
        `(target >= ${importTarget.toLocaleString('en-US')}: ${imported.figures.importedPerSecond >= importTarget ? 'met' : 'missed'}); ` +
        `deleted again at ${imported.figures.deletedPerSecond} calls/s; totals ${imported.exact ? 'exact' : 'WRONG'}`,
    );
    console.log(`store built through the import path (calls in random order of time) at ${dataset.importedPerSecond} calls/s; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`);
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
