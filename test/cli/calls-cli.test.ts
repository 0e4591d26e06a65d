import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { freePort } from '../../bench/support.js';
import { backends } from '../support/backends.js';
import { runCli } from '../support/cli-runner.js';
import { callBody, organizationBody } from '../support/fixtures.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';

describe.each(backends)('callbase calls, against a server on %s', (backend) => {
  let server: ListeningApp;
  let env: Record<string, string>;
  let organizationId: string;
  let callIds: string[];
  const cli = (...argv: string[]) => runCli(argv, env);

  beforeAll(async () => {
    server = await listeningApp({}, { backend });
    const { apiKey } = await createTenant(server.app.db, server.app.clock, 'CLI tenant');
    env = { CALLBASE_URL: server.url, CALLBASE_API_KEY: apiKey };
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const post = async (url: string, body: unknown) => (await fetch(`${server.url}${url}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<{ id: string }>;
    organizationId = (await post('/api/organization', organizationBody())).id;
    callIds = [];
    for (let index = 0; index < 30; index += 1) {
      const start = new Date(Date.UTC(2025, 4, 1 + index, 9)).toISOString();
      const summary = index === 12 ? 'Asked "when?", then\nleft' : 'Booked';
      callIds.push((await post('/api/calls', callBody({ organizationId, callStartedAt: start, callEndedAt: start, callType: index % 3 === 0 ? 'Web' : 'Inbound', callSummary: summary }))).id);
    }
  });
  afterAll(async () => server.close());

  it('lists a page as a table, and as the API answer with --json', async () => {
    const table = await cli('calls', 'list', '--org', organizationId, '--limit', '5', '--sort', 'asc');
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STARTED\s+TYPE\s+AGENT\s+DURATION\s+CALLER$/);
    expect(lines[1]).toContain(callIds[0]);
    expect(lines.at(-1)).toBe('page 1 of 6, 30 in all');
    const json = await cli('calls', 'list', '--org', organizationId, '--call-type', 'Web', '--json');
    expect(json.json.pagination.total).toBe(10);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('shows one call, readable or as JSON', async () => {
    const readable = await cli('calls', 'get', callIds[0]!);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toMatch(new RegExp(`^id:\\s+${callIds[0]}$`, 'm'));
    const json = await cli('calls', 'get', callIds[0]!, '--json');
    expect(json.json).toMatchObject({ id: callIds[0], organizationId });
  });

  it('exports every matching call to stdout, equal to the API export', async () => {
    const exported = await cli('calls', 'export', '--org', organizationId, '--format', 'csv', '--from', '2025-05-10T00:00:00Z', '--to', '2025-05-20T23:59:59Z');
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parse(exported.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(11);
    expect(rows.map((row) => row.callSummary)).toContain('Asked "when?", then\nleft');
    expect(exported.stderr).toBe('Exported 11 calls.\n');
    const api = await fetch(`${server.url}/api/calls/export?organizationId=${organizationId}&from=2025-05-10T00:00:00Z&to=2025-05-20T23:59:59Z`, {
      headers: { authorization: `Bearer ${env.CALLBASE_API_KEY}` },
    });
    expect(exported.stdout).toBe(await api.text());
  });

  it('searches for words when listing and exporting, as the API does', async () => {
    const listed = await cli('calls', 'list', '--org', organizationId, '--q', 'WHEN', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json.calls.map((listedCall: { id: string }) => listedCall.id)).toEqual([callIds[12]]);
    const exported = await cli('calls', 'export', '--org', organizationId, '--format', 'ndjson', '--q', 'WHEN');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([callIds[12]]);
    expect(exported.stderr).toBe('Exported 1 call.\n');
  });

  it('exports to a file and reports it as one JSON object', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-export-'));
    try {
      const file = path.join(directory, 'calls.ndjson');
      const result = await cli('calls', 'export', '--org', organizationId, '--format', 'ndjson', '--output', file, '--json');
      expect(result.code, result.stderr).toBe(0);
      expect(result.json).toEqual({ format: 'ndjson', calls: 30, output: file });
      const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual([...callIds].sort());
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  it('draws a progress bar on a terminal', async () => {
    let drawn = '';
    const terminal = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((drawn += String(chunk)), done()) }), { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let stdout = '';
    const io: CliIo = { out: (text) => (stdout += text), err: () => undefined, env, progressStream: terminal };
    expect(await main(['calls', 'export', '--org', organizationId], io)).toBe(0);
    expect(drawn).toContain('30/30 calls');
    expect(parse(stdout, { columns: true })).toHaveLength(30);
  });

  it.each([
    [['calls', 'list', '--org', 'not-an-id'], 2, "option '--org <id>' argument 'not-an-id' is invalid"],
    [['calls', 'list', '--org', '01936f5e-0000-7000-8000-000000000000', '--from', 'yesterday'], 2, '--from: Invalid date format'],
    [['calls', 'list', '--org', '01936f5e-0000-7000-8000-000000000000', '--limit', '50'], 2, '--limit: Number must be less than or equal to 20'],
    [['calls', 'export', '--org', '01936f5e-0000-7000-8000-000000000000', '--json'], 2, '--json needs --output'],
    [['calls', 'list', '--org', '01936f5e-0000-7000-8000-000000000000'], 1, 'Organization not found (404)'],
    [['calls', 'get', '01936f5e-0000-7000-8000-000000000000'], 1, 'Call not found (404)'],
    [['calls', 'list', '--org', '01936f5e-0000-7000-8000-000000000000', '--key', 'cbt_wrong'], 1, 'Invalid or missing API key (401)'],
  ])('refuses %j with exit code %i and a clear message', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    const said = result.stderr + result.stdout;
    expect(said).toContain(message);
    expect(said).not.toMatch(/\n\s+at /);
  });

  it('needs a key, and says which server it cannot reach', async () => {
    const noKey = await runCli(['calls', 'list', '--org', organizationId, '--json'], { CALLBASE_URL: server.url });
    expect(noKey.code).toBe(2);
    expect(noKey.json).toEqual({ error: 'No API key: give --key or set CALLBASE_API_KEY.' });
    const url = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await cli('calls', 'list', '--org', organizationId, '--url', url, '--json');
    expect(unreachable.code).toBe(1);
    expect(unreachable.json).toEqual({ error: `Cannot reach ${url}: ECONNREFUSED` });
  });
});
