/**
 * Memory of a recording's round trip: starts the real `callbase serve`, uploads a 100 MB recording
 * over loopback, streams it back whole and in ranges, checks every byte, and prints the server's
 * resident memory before and at its peak (VmHWM from /proc, so it is the server's own figure).
 *
 *   npm run bench:recordings                          files and database storage, on SQLite
 *   npm run bench:recordings -- --mb 200 --storage database
 *   BENCH_DATABASE_URL=postgres://… npm run bench:recordings   an empty PostgreSQL database of your own
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/shared/clock.js';
import { createTenant } from '../src/tenants/tenants.service.js';
import { freePort, waitUntilReady } from './support.js';

const { values: options } = parseArgs({
  options: { mb: { type: 'string', default: '100' }, storage: { type: 'string', default: 'both' } },
});
const SIZE = Number(options.mb) * 1024 * 1024;
const storages = options.storage === 'both' ? ['files', 'database'] : [options.storage!];
const PIECE = 64 * 1024;
const MIB = 1024 * 1024;

/** An MP3 frame header, then varied bytes: what the server checks is the start; the rest must only survive the trip. */
function* recordingPieces(): Generator<Buffer> {
  let state = 42;
  for (let sent = 0; sent < SIZE; sent += PIECE) {
    const piece = Buffer.allocUnsafe(Math.min(PIECE, SIZE - sent));
    for (let i = 0; i < piece.length; i += 4) {
      state = (state * 1664525 + 1013904223) >>> 0;
      piece.writeUInt32LE(state, i);
    }
    if (sent === 0) Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(piece);
    yield piece;
  }
}

/** Resident memory of a process, now and at its peak, in MiB. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

function request(url: string, init: { method: string; headers: Record<string, string> }, body?: Iterable<Buffer>) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const outgoing = http.request(url, init, resolve);
    outgoing.on('error', reject);
    if (body === undefined) outgoing.end();
    else pipeline(Readable.from(body), outgoing).catch(reject);
  });
}

async function json(response: http.IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of response) text += chunk;
  if ((response.statusCode ?? 500) >= 300) throw new Error(`HTTP ${response.statusCode}: ${text}`);
  return JSON.parse(text);
}

/** Reads a response to its end, hashing and counting without keeping it. */
async function drain(response: http.IncomingMessage): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function measure(storage: string, databaseUrl: string, apiKey: string, folder: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [path.resolve('bin/callbase.js'), 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RECORDING_STORAGE: storage,
      RECORDINGS_DIR: path.join(folder, 'recordings'),
      RECORDING_LIMIT_BYTES: String(SIZE),
      REQUEST_TIMEOUT_MS: '600000',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitUntilReady(url);
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const post = (route: string, body: object) =>
      request(`${url}${route}`, { method: 'POST', headers }, [Buffer.from(JSON.stringify(body))]).then(json);
    const organization = await post('/api/organization', { name: `Bench ${storage}`, email: 'bench@clinic.example', address: '1 Main St', city: 'Austin', stateProvince: 'TX', postalCode: '78701', country: 'US', phoneNumber: '+15559876543', timezone: 'America/Chicago' });
    const created = await post('/api/calls', { organizationId: organization.id, callType: 'Inbound', agentName: 'Bench', phoneNumber: '+15559876543', callStartedAt: '2025-05-28T14:20:15Z', callEndedAt: '2025-05-28T15:20:15Z' });
    const idle = await memoryOf(server.pid!);

    const sent = createHash('sha256');
    const hashed = function* () {
      for (const piece of recordingPieces()) {
        sent.update(piece);
        yield piece;
      }
    };
    const uploadStarted = performance.now();
    const uploaded = await request(`${url}/api/calls/${created.id}/recording`, { method: 'PUT', headers: { authorization: headers.authorization, 'content-type': 'audio/mpeg', 'content-length': String(SIZE) } }, hashed()).then(json);
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const afterUpload = await memoryOf(server.pid!);

    const downloadStarted = performance.now();
    const whole = await drain(await request(uploaded.recordingUrl, { method: 'GET', headers: {} }));
    const downloadSeconds = (performance.now() - downloadStarted) / 1000;
    const range = await request(uploaded.recordingUrl, { method: 'GET', headers: { range: `bytes=${SIZE / 2}-${SIZE / 2 + MIB - 1}` } });
    const ranged = await drain(range);
    const after = await memoryOf(server.pid!);

    const expected = sent.digest('hex');
    if (whole.bytes !== SIZE || whole.sha256 !== expected) throw new Error(`${storage}: the recording came back different (${whole.bytes} bytes)`);
    if (range.statusCode !== 206 || ranged.bytes !== MIB) throw new Error(`${storage}: the range came back as ${range.statusCode} with ${ranged.bytes} bytes`);
    return {
      storage,
      'idle RSS MiB': idle.rss.toFixed(1),
      'RSS after upload MiB': afterUpload.rss.toFixed(1),
      'peak RSS MiB': after.peak.toFixed(1),
      'peak over idle MiB': (after.peak - idle.rss).toFixed(1),
      'upload MiB/s': (SIZE / MIB / uploadSeconds).toFixed(0),
      'download MiB/s': (SIZE / MIB / downloadSeconds).toFixed(0),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-recording-bench-'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? path.join(folder, 'callbase.db');
const config = /^postgres/.test(databaseUrl) ? { kind: 'postgres' as const, url: databaseUrl, poolSize: 2 } : { kind: 'sqlite' as const, path: databaseUrl };
const db = createDatabase(config);
try {
  await migrateToLatest(db);
  const { apiKey } = await createTenant(db, systemClock, `Recording bench ${new Date().toISOString()}`);
  console.log(`A ${options.mb} MiB recording up and down through callbase serve on ${config.kind}; every byte checked by SHA-256.`);
  const rows = [];
  for (const storage of storages) rows.push(await measure(storage, databaseUrl, apiKey, folder));
  console.table(rows);
} finally {
  await db.destroy();
  await fs.rm(folder, { recursive: true, force: true });
}
