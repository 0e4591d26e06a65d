import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioBody } from '../support/audio.js';
import { newCall, newOrganization, newTenant } from '../support/fixtures.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';
import { until } from '../support/write-stream.js';
import type { TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

describe('an upload whose client hangs up halfway', () => {
  let server: ListeningApp;
  let folder: string;
  const lines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-cut-off-'));
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line))));
    server = await listeningApp({ logLevel: 'info', recordings: { storage: 'files', directory: folder, limitBytes: 10_000_000 } }, { logStream });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('is taken as the client leaving, and leaves no file behind and no recording on the call', async () => {
    const t: TestApp = { app: server.app, db: server.app.db, clock: new TestClock(), backend: 'sqlite' };
    const tenant = await newTenant(t);
    const organization = await newOrganization(t, tenant.apiKey);
    const created = await newCall(t, tenant.apiKey, organization.id);
    const outgoing = http.request(`${server.url}/api/calls/${created.id}/recording`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'audio/mpeg', 'content-length': '10000000' },
    });
    outgoing.on('error', () => undefined);
    outgoing.write(audioBody('audio/mpeg', 300_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    outgoing.destroy();

    await until(() => lines.some((line) => line.msg === 'the client closed the connection before its request was answered'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Taken for what it is, a client that left: not a database outage (a 503) nor a failure (a 500).
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    const files = await fs.readdir(folder, { recursive: true, withFileTypes: true });
    expect(files.filter((entry) => entry.isFile())).toEqual([]);
    expect(await server.app.db.selectFrom('call_recordings').selectAll().execute()).toEqual([]);
  });
});
