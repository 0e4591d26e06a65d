import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitOf, serve } from '../support/child-server.js';

const BIN = path.resolve('bin/callbase.js');

describe('callbase serve', () => {
  let directory: string;
  let running: ChildProcess | undefined;

  afterEach(async () => {
    running?.kill('SIGKILL');
    if (directory !== undefined) await fs.rm(directory, { recursive: true, force: true });
  });

  it('creates its SQLite database, answers with request ids, and stops cleanly on SIGTERM', async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-serve-'));
    const { child, url, logs } = await serve({ DATA_DIR: directory, DATABASE_URL: '' });
    running = child;
    await expect(fs.stat(path.join(directory, 'callbase.db'))).resolves.toBeTruthy();

    const response = await fetch(`${url}/api/calls?organizationId=x`, { headers: { 'x-request-id': 'trace-42' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Invalid or missing API key' });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const generated = await fetch(`${url}/api/calls`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    const requestLines = logs.map((line) => JSON.parse(line) as { requestId?: string; msg: string }).filter((line) => line.msg === 'request completed');
    expect(requestLines.map((line) => line.requestId)).toContain('trace-42');
  });

  it('refuses to start with a bad setting and names it', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect((await exitOf(child)).code).toBe(2);
    expect(stderr).toContain('PORT');
  });
});

describe('the callbase command', () => {
  let directory: string | undefined;

  afterEach(async () => {
    if (directory !== undefined) await fs.rm(directory, { recursive: true, force: true });
  });

  it('ends quietly when the reader of its output goes away first', async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-pipe-'));
    const database = path.join(directory, 'callbase.db');
    for (const name of ['Acme Health', 'Beta Care']) {
      const created = spawn(process.execPath, [BIN, 'tenant', 'create', '--name', name], { env: { ...process.env, DATABASE_URL: database }, stdio: 'ignore' });
      expect((await exitOf(created)).code).toBe(0);
    }
    const child = spawn(process.execPath, [BIN, 'tenant', 'list'], { env: { ...process.env, DATABASE_URL: database }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect((await exitOf(child)).code).toBe(0);
    expect(stderr).toBe('');
  });
});
