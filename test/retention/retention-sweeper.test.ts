import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { until } from '../support/write-stream.js';
import { testConfig, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const DAY = 24 * 3600 * 1000;

describe.each(backends)("the server's retention sweeper on %s", (backend) => {
  const lines: Array<Record<string, unknown>> = [];
  let app: FastifyInstance;
  let database: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-sweeper-'));
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)));
    const config = testConfig(database.config, { logLevel: 'info', retentionSweepMs: 50 });
    app = await buildApp({ ...config, recordings: { ...config.recordings, directory: folder } }, { clock: new TestClock(), logStream: stream });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('deletes calls past their organization\'s retention on its own, and logs how many', async () => {
    const t: TestApp = { app, db: app.db, clock: app.clock as TestClock, backend };
    const world = await twoTenants(t);
    const started = (daysAgo: number) => new Date(t.clock.now() - daysAgo * DAY).toISOString();
    const old = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { callStartedAt: started(10), callEndedAt: started(10) });
    const recent = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { callStartedAt: started(2), callEndedAt: started(2) });
    await call(app, 'PUT', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey, body: { name: 'A1', email: 'a1@clinic.example', retentionDays: 7 } });

    await until(() => lines.some((line) => line.msg === 'retention sweep' && line.removed === 1), 10_000);
    const left = await app.db.selectFrom('calls').select('id').where('organization_id', '=', world.orgA1.id).execute();
    expect(left.map((row) => row.id)).toEqual([recent.id]);
    expect(left.map((row) => row.id)).not.toContain(old.id);
    const sweep = lines.find((line) => line.msg === 'retention sweep' && line.removed === 1)!;
    expect(sweep.organizations).toEqual([{ organizationId: world.orgA1.id, removed: 1, startedBefore: new Date(t.clock.now() - 7 * DAY).toISOString().replace('.000', '') }]);
  });
});
