import http from 'node:http';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase, dialectOf } from '../../src/db/database.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { backends } from '../support/backends.js';
import { audioBody } from '../support/audio.js';
import { callBody, organizationBody } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('closing the app on %s', (backend) => {
  let database: TestDatabase | undefined;

  afterEach(async () => {
    await database?.drop();
  });

  it('lets a handler whose client hung up finish its write before the database closes', async () => {
    database = await createTestDatabase(backend);
    const logs = new PassThrough();
    let logged = '';
    logs.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    const app = await buildApp(testConfig(database.config, { logLevel: 'info' }), { logStream: logs });
    const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    const { apiKey } = await createTenant(app.db, systemClock, 'Tenant');
    const organization = (await call(app, 'POST', '/api/organization', { key: apiKey, body: organizationBody() })).body;

    // Hold the database so the request's handler is still waiting on it when its client hangs up.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = app.db.transaction().execute(async (trx) => {
      if (dialectOf(trx) === 'postgres') await sql`lock table agents in exclusive mode`.execute(trx);
      await released;
    });

    const body = JSON.stringify(callBody({ organizationId: organization.id, externalId: 'hung-up', agentId: 'fresh' }));
    const request = http.request({ host: url.hostname, port: url.port, path: '/api/calls', method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
    request.on('error', () => undefined);
    request.end(body);
    await sleep(300);
    request.destroy();

    const closing = app.close();
    await sleep(200);
    release();
    await holding;
    await closing;

    const reopened = createDatabase(database.config);
    try {
      const stored = await reopened.selectFrom('calls').select('external_id').execute();
      expect(stored).toEqual([{ external_id: 'hung-up' }]);
    } finally {
      await reopened.destroy();
    }
    expect(logged).not.toContain('request failed');
  });

  it('stops counting a streamed recording its client aborted, so closing does not wait out the drain timeout', async () => {
    database = await createTestDatabase(backend);
    const app = await buildApp(testConfig(database.config, { shutdownTimeoutMs: 10_000, recordings: { storage: 'database', directory: '/nonexistent', limitBytes: 64 * 1024 * 1024 } }));
    const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    const { apiKey } = await createTenant(app.db, systemClock, 'Tenant');
    const organization = (await call(app, 'POST', '/api/organization', { key: apiKey, body: organizationBody() })).body;
    const created = (await call(app, 'POST', '/api/calls', { key: apiKey, body: callBody({ organizationId: organization.id }) })).body;
    // Far more than the socket buffers hold, so the answer is still streaming when its client goes.
    const uploaded = await app.inject({
      method: 'PUT',
      url: `/api/calls/${created.id}/recording`,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'audio/mpeg' },
      payload: audioBody('audio/mpeg', 16 * 1024 * 1024),
    });
    const link = new URL(uploaded.json<{ recordingUrl: string }>().recordingUrl);

    await new Promise<void>((resolve, reject) => {
      const request = http.get({ host: url.hostname, port: url.port, path: link.pathname + link.search }, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', () => undefined);
      request.setTimeout(5000, () => reject(new Error('the recording never started streaming')));
    });
    await sleep(200);

    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
