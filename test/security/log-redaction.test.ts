import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { call } from '../support/http.js';
import { newOrganization, newOrganizationKey, newTenant } from '../support/fixtures.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TestClock } from '../support/test-clock.js';

describe('logs at the most verbose level', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    app = await buildApp(testConfig(database.config, { logLevel: 'trace' }), { clock: new TestClock(), logStream: stream });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('never hold a key, whether it was accepted, refused, revoked or sent malformed', async () => {
    const t = { app, db: app.db, clock: app.clock as TestClock, backend: 'sqlite' as const };
    const tenant = await newTenant(t);
    const organization = await newOrganization(t, tenant.apiKey);
    const created = await newOrganizationKey(t, tenant.apiKey, organization.id);
    const unknown = 'cbo_UnknownUnknownUnknownUnknownUnknownUnkn';
    await call(app, 'GET', '/api/calls', { key: created.key, query: { organizationId: organization.id } });
    await call(app, 'GET', '/api/calls', { key: unknown, query: { organizationId: organization.id } });
    await call(app, 'POST', '/api/calls', { key: created.key, body: '{not json' as unknown, headers: { 'content-type': 'application/json' } });
    await call(app, 'GET', '/api/calls', { headers: { authorization: `Basic ${created.key}` } });
    await call(app, 'DELETE', `/api/api-keys/${created.id}`, { key: tenant.apiKey });
    await call(app, 'GET', '/api/calls', { key: created.key, query: { organizationId: organization.id } });

    expect(lines.length).toBeGreaterThan(10);
    const everything = lines.join('\n');
    for (const secret of [tenant.apiKey, created.key, unknown, created.key.slice(4)]) expect(everything).not.toContain(secret);
    expect(lines.some((line) => line.includes('"msg":"incoming request"'))).toBe(true);
  });

  it('censor the Authorization header and key fields wherever a log line carries them', () => {
    const secret = 'cbt_SecretSecretSecretSecretSecretSecretSecr';
    app.log.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'request object');
    app.log.info({ headers: { authorization: `Bearer ${secret}` }, apiKey: secret, created: { key: secret } }, 'loose fields');
    const logged = lines.filter((line) => /"msg":"(request object|loose fields)"/.test(line));
    expect(logged).toHaveLength(2);
    for (const line of logged) expect(line).not.toContain(secret);
    expect(logged[1]!.match(/\[redacted\]/g)).toHaveLength(3);
  });
});
