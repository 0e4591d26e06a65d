/**
 * Load test: 64 clients reading and writing calls for 60 seconds on loopback against `callbase
 * serve`, then a reconciliation that every acknowledged write is stored exactly once.
 *
 *   npm run load                          SQLite in a temporary folder
 *   LOAD_DATABASE_URL=postgres://… npm run load   an empty PostgreSQL database of your own
 *   LOAD_SECONDS=10 LOAD_CLIENTS=16 npm run load
 *
 * The per-key rate limit is raised for the run: it measures the service, not the limiter's refusals.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { DatabaseConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/shared/clock.js';
import { createTenant } from '../src/tenants/tenants.service.js';
import { freePort, waitUntilReady } from './support.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 64);
const ORGANIZATIONS = 8;

const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-load-'));
const databaseUrl = process.env.LOAD_DATABASE_URL ?? path.join(folder, 'callbase.db');
const config: DatabaseConfig = /^postgres/.test(databaseUrl) ? { kind: 'postgres', url: databaseUrl, poolSize: 4 } : { kind: 'sqlite', path: databaseUrl };
const db = createDatabase(config);
await migrateToLatest(db);
const { apiKey } = await createTenant(db, systemClock, `Load ${new Date().toISOString()}`);

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.resolve('bin/callbase.js'), 'serve'], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  await waitUntilReady(url);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const organizations: string[] = [];
  for (let i = 0; i < ORGANIZATIONS; i += 1) {
    const response = await fetch(`${url}/api/organization`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `Load clinic ${i}`, email: `load${i}@clinic.example`, address: '1 Main St', city: 'Austin', stateProvince: 'TX', postalCode: '78701', country: 'US', phoneNumber: '+15559876543', timezone: 'America/Chicago' }),
    });
    organizations.push(((await response.json()) as { id: string }).id);
  }

  const acknowledged = new Map<string, string>();
  let sequence = 0;
  interface Context {
    organizationId: string;
    externalId?: string;
    lastCallId?: string;
  }
  const write = {
    method: 'POST' as const,
    path: '/api/calls',
    headers,
    setupRequest: (request: any, context: Context) => {
      sequence += 1;
      context.organizationId ??= organizations[sequence % ORGANIZATIONS]!;
      context.externalId = `load-${sequence}`;
      const started = Date.UTC(2025, 0, 1) + sequence * 1000;
      return {
        ...request,
        body: JSON.stringify({
          organizationId: context.organizationId,
          externalId: context.externalId,
          callType: ['Inbound', 'Outbound', 'Web'][sequence % 3],
          agentId: `agent-${sequence % 5}`,
          agentName: `Agent ${sequence % 5}`,
          phoneNumber: '+15559876543',
          callStartedAt: new Date(started).toISOString(),
          callEndedAt: new Date(started + 90_000).toISOString(),
          userPrimaryIntent: 'Book appointment',
          transcript: [{ role: 'agent', text: 'Hello, how can I help?' }, { role: 'user', text: 'I would like to book a visit.' }],
        }),
      };
    },
    onResponse: (status: number, body: string, context: Context) => {
      if (status === 200 || status === 201) {
        const id = (JSON.parse(body) as { id: string }).id;
        acknowledged.set(context.externalId!, id);
        context.lastCallId = id;
      }
    },
  };
  const list = {
    method: 'GET' as const,
    headers,
    setupRequest: (request: any, context: Context) => ({ ...request, path: `/api/calls?organizationId=${context.organizationId}&limit=20&sort=desc` }),
  };
  const get = {
    method: 'GET' as const,
    headers,
    setupRequest: (request: any, context: Context) => ({ ...request, path: `/api/calls/${context.lastCallId}` }),
  };

  console.log(`Load: ${CLIENTS} clients for ${SECONDS} s against ${config.kind} (${os.cpus().length} cores), one write for every two reads.`);
  const result = await autocannon({ url, connections: CLIENTS, duration: SECONDS, requests: [write, list, get] as any, initialContext: {} });

  const rows = await db.selectFrom('calls').select(['id', 'external_id']).where('organization_id', 'in', organizations).execute();
  const stored = new Map<string, string[]>();
  for (const row of rows) stored.set(row.external_id!, [...(stored.get(row.external_id!) ?? []), row.id]);
  const missing = [...acknowledged].filter(([externalId, id]) => stored.get(externalId)?.join() !== id).length;
  const unacknowledged = rows.filter((row) => !acknowledged.has(row.external_id!)).length;

  const latency = result.latency;
  const errors = result.errors + result.timeouts + result.non2xx;
  const report = {
    database: config.kind,
    clients: CLIENTS,
    seconds: SECONDS,
    requests: result.requests.total,
    throughputPerSecond: Math.round(result.requests.average),
    writesAcknowledged: acknowledged.size,
    latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, p999: latency.p99_9, max: latency.max },
    errors: { total: errors, connection: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    // Writes still in flight when the clock ran out are stored but their answers are not waited for.
    reconciliation: { storedCalls: rows.length, acknowledgedMissingOrDuplicated: missing, inFlightAtCutOff: unacknowledged },
  };
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = errors === 0 && missing === 0 && unacknowledged <= CLIENTS ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await db.destroy();
  await fs.rm(folder, { recursive: true, force: true });
}
