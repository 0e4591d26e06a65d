import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { bearer } from './http.js';
import { TEST_PUBLIC_URL, type TestApp } from './test-app.js';

export const RECORDING_STORAGES = ['files', 'database'] as const;

export async function putRecording(t: TestApp, key: string, callId: string, body: Buffer | Readable, contentType: string | undefined) {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/api/calls/${callId}/recording`,
    headers: { ...bearer(key), ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    payload: body,
  });
  return { status: response.statusCode, body: response.headers['content-type']?.toString().startsWith('application/json') ? response.json() : undefined, text: response.body };
}

/** Opens a signed link the way a browser would, with any Range or If-Range it sends. */
export async function openLink(t: TestApp, url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  const response = await t.app.inject({ method, url: url.replace(TEST_PUBLIC_URL, ''), headers });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, text: response.body };
}

/** Every file under the recordings folder, wherever it sits, so a test sees exactly what storage holds. */
export async function recordingFiles(t: TestApp): Promise<string[]> {
  const root = t.app.config.recordings.directory;
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))).sort();
}

export async function recordingChunkCount(t: TestApp): Promise<number> {
  const { count } = await t.db.selectFrom('recording_chunks').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

/** Empties the recordings folder, as resetting the database empties the tables. */
export async function clearRecordingFiles(t: TestApp): Promise<void> {
  const root = t.app.config.recordings.directory;
  for (const entry of await fs.readdir(root).catch(() => [])) await fs.rm(path.join(root, entry), { recursive: true, force: true });
}
