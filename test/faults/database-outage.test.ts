import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { newOrganization, newTenant, callBody } from '../support/fixtures.js';
import { call, type ApiResponse } from '../support/http.js';
import { PrivatePostgres, privatePostgresUnavailable } from '../support/private-postgres.js';
import { testConfig } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const problem = await privatePostgresUnavailable();
if (problem !== undefined && process.env.CI === 'true') throw new Error(`CI=true requires the PostgreSQL fault tests, but ${problem}`);
if (problem !== undefined) console.warn(`PostgreSQL outage tests SKIPPED: ${problem}.`);

const UNAVAILABLE = { error: 'Service temporarily unavailable' };
/** Generous against the one-second database timeout: it tells an answer from a hung request, not a speed target. */
const ANSWERED_WITHIN_MS = 5000;

async function timed(request: () => Promise<ApiResponse>): Promise<ApiResponse & { ms: number }> {
  const started = performance.now();
  const response = await request();
  return { ...response, ms: performance.now() - started };
}

describe.runIf(problem === undefined)('PostgreSQL going away and coming back', () => {
  let postgres: PrivatePostgres;
  let app: FastifyInstance;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    app = await buildApp(testConfig({ kind: 'postgres', url: postgres.url, poolSize: 4, timeoutMs: 1000 }), { clock: new TestClock() });
  });
  afterAll(async () => {
    await app?.close();
    await postgres?.destroy();
  });

  it('answers fast 503s with a JSON body while it is away, and serves again by itself once it is back', async () => {
    const t = { app, db: app.db, clock: app.clock as TestClock, backend: 'postgres' as const };
    const tenant = await newTenant(t);
    const organization = await newOrganization(t, tenant.apiKey);
    const uncachedKey = (await newTenant(t, 'Not yet seen')).apiKey;
    const list = () => call(app, 'GET', '/api/calls', { key: tenant.apiKey, query: { organizationId: organization.id } });
    const write = () => call(app, 'POST', '/api/calls', { key: tenant.apiKey, body: callBody({ organizationId: organization.id }) });
    expect((await list()).status).toBe(200);

    await postgres.stop();
    const during = [
      await timed(list),
      await timed(write),
      await timed(() => call(app, 'GET', '/api/organization', { key: uncachedKey })),
      await timed(() => call(app, 'GET', '/readyz')),
    ];
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(response.ms).toBeLessThan(ANSWERED_WITHIN_MS);
      expect(response.text).not.toMatch(/ECONNREFUSED|\bat \S+ \(|postgres/i);
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(during.slice(0, 3).map((response) => response.body)).toEqual([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE]);
    expect(during[3]!.body).toEqual({ error: 'Database unavailable' });
    expect((await call(app, 'GET', '/healthz')).status).toBe(200);

    await postgres.start();
    const back = performance.now();
    let recovered = await list();
    while (recovered.status !== 200 && performance.now() - back < 30_000) recovered = await list();
    const recoveryMs = performance.now() - back;
    expect(recovered.status).toBe(200);
    expect((await write()).status).toBe(201);
    expect((await call(app, 'GET', '/readyz')).status).toBe(200);
    const slowest = Math.max(...during.map((response) => response.ms));
    console.log(`[figures] outage: slowest 503 ${slowest.toFixed(0)} ms; first success ${recoveryMs.toFixed(0)} ms after PostgreSQL accepted connections again`);
  });
});
