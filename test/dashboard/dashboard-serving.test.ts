import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { call } from '../support/http.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const PAGE = '<!doctype html><title>callbase</title><script type="module" src="/assets/index-abc123.js"></script>';
const html = { accept: 'text/html,application/xhtml+xml' };

async function appServing(dashboardDir: string, database: TestDatabase): Promise<FastifyInstance> {
  return buildApp(testConfig(database.config), { dashboardDir });
}

describe('serving the dashboard', () => {
  let folder: string;
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-web-'));
    await fs.mkdir(path.join(folder, 'assets'));
    await fs.writeFile(path.join(folder, 'index.html'), PAGE);
    await fs.writeFile(path.join(folder, 'assets', 'index-abc123.js'), 'console.log(1)');
    await fs.writeFile(path.join(folder, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    database = await createTestDatabase('sqlite');
    app = await appServing(folder, database);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it.each(['/', '/sign-in', '/o/01936f5e-0000-7000-8000-000000000001/calls?callType=Inbound&page=2', '/organizations'])(
    'answers the page at %s, under the strict policy and never cached stale',
    async (url) => {
      const response = await call(app, 'GET', url, { headers: html });
      expect(response.status).toBe(200);
      expect(response.text).toBe(PAGE);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves built assets for a year, since their names change with their content', async () => {
    const response = await call(app, 'GET', '/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.text).toBe('console.log(1)');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await call(app, 'GET', '/favicon.svg')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('keeps API routes first and unknown API addresses JSON 404s, even for a browser', async () => {
    expect((await call(app, 'GET', '/healthz', { headers: html })).body).toEqual({ status: 'ok' });
    expect((await call(app, 'GET', '/api/calls', { headers: html })).status).toBe(401);
    for (const url of ['/api/nothing-here', '/api/calls/x/y', '/api/']) {
      const response = await call(app, 'GET', url, { headers: html });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Not found' });
    }
  });

  it('answers a missing file with a 404, not the page, to anything but a browser page load', async () => {
    for (const url of ['/assets/missing.js', '/../package.json', '/%2e%2e/package.json', '/no-such-page']) {
      const response = await call(app, 'GET', url);
      expect(response.status, url).toBe(404);
      expect(response.body).toEqual({ error: 'Not found' });
    }
  });

  it('serves a rebuild made while it runs: new asset names, the new page, and a 404 for what went away', async () => {
    const rebuilt = '<!doctype html><title>callbase</title><script type="module" src="/assets/index-def456.js"></script>';
    await fs.writeFile(path.join(folder, 'assets', 'index-def456.js'), 'console.log(2)');
    await fs.writeFile(path.join(folder, 'index.html'), rebuilt);
    await fs.rm(path.join(folder, 'favicon.svg'));
    try {
      const asset = await call(app, 'GET', '/assets/index-def456.js');
      expect(asset.status).toBe(200);
      expect(asset.text).toBe('console.log(2)');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-security-policy']).toContain("script-src 'self'");
      expect((await call(app, 'GET', '/calls', { headers: html })).text).toBe(rebuilt);
      expect((await call(app, 'GET', '/favicon.svg')).status).toBe(404);
    } finally {
      await fs.rm(path.join(folder, 'assets', 'index-def456.js'));
      await fs.writeFile(path.join(folder, 'index.html'), PAGE);
      await fs.writeFile(path.join(folder, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    }
  });

  it('says so when the dashboard was not built, and serves it once it is', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-web-empty-'));
    const other = await createTestDatabase('sqlite');
    const bare = await appServing(empty, other);
    try {
      const response = await call(bare, 'GET', '/', { headers: html });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'The dashboard is not built: run npm run build' });
      // Built later, it is served without a restart.
      await fs.writeFile(path.join(empty, 'index.html'), PAGE);
      expect((await call(bare, 'GET', '/', { headers: html })).text).toBe(PAGE);
    } finally {
      await bare.close();
      await other.drop();
      await fs.rm(empty, { recursive: true, force: true });
    }
  });
});
