import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../src/recordings/database-storage.js';
import { AUDIO_TYPES, audioBody, sha256 } from '../support/audio.js';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { clearRecordingFiles, openLink, putRecording, RECORDING_STORAGES, recordingChunkCount, recordingFiles } from '../support/recordings.js';
import { useTestApp } from '../support/test-app.js';

const LIMIT = 3 * CHUNK_BYTES;

const cases = backends.flatMap((backend) => RECORDING_STORAGES.map((storage) => [backend, storage] as const));

describe.each(cases)('PUT /api/calls/{id}/recording on %s, stored in %s', (backend, storage) => {
  const t = useTestApp(backend, { recordings: { storage, limitBytes: LIMIT } });
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let callId: string;

  /** What storage holds, looked at directly: files on disk and chunk rows. */
  const stored = async () => ({ files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) });
  const nothingStored = { files: 0, chunks: 0 };
  const oneRecording = (size: number) => (storage === 'files' ? { files: 1, chunks: 0 } : { files: 0, chunks: Math.ceil(size / CHUNK_BYTES) });

  beforeEach(async () => {
    await clearRecordingFiles(t);
    world = await twoTenants(t);
    callId = (await newCall(t, world.tenantA.apiKey, world.orgA1.id)).id;
  });

  it.each(AUDIO_TYPES)('stores %s and serves it back byte for byte through recordingUrl', async (type) => {
    const body = audioBody(type, CHUNK_BYTES + 1000);
    const response = await putRecording(t, world.orgA1Key, callId, body, type);
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ id: callId, recordingUrl: expect.stringMatching(new RegExp(`/api/calls/${callId}/recording\\?expires=\\d+&signature=[0-9a-f]{64}$`)) });
    const served = await openLink(t, response.body.recordingUrl);
    expect(served.status).toBe(200);
    expect(served.headers).toMatchObject({ 'content-type': type, 'accept-ranges': 'bytes', 'content-length': String(body.length) });
    expect(sha256(served.bytes)).toBe(sha256(body));
    expect(await stored()).toEqual(oneRecording(body.length));
    const detail = await call(t.app, 'GET', `/api/calls/${callId}`, { key: world.tenantA.apiKey });
    expect(detail.body.recordingUrl).toBe(response.body.recordingUrl);
  });

  it('accepts parameters and common aliases of the content type, and keeps the canonical one', async () => {
    const response = await putRecording(t, world.tenantA.apiKey, callId, audioBody('audio/wav', 5000), 'audio/x-wav; rate=8000');
    expect(response.status, response.text).toBe(201);
    expect((await openLink(t, response.body.recordingUrl)).headers['content-type']).toBe('audio/wav');
  });

  it.each([
    ['PNG bytes declared as audio/mpeg', 'image/png', 'audio/mpeg', /^The body is not audio\/mpeg: its first bytes look like image\/png$/],
    ['MP3 bytes declared as audio/wav', 'audio/mpeg', 'audio/wav', /^The body is not audio\/wav: its first bytes look like audio\/mpeg$/],
    ['text declared as audio/ogg', 'text', 'audio/ogg', /look like an unrecognised format$/],
    ['an audio type that is not kept', 'audio/mpeg', 'audio/flac', /^A recording must be sent as one of audio\/mpeg, audio\/wav/],
    ['a type that is not audio', 'audio/mpeg', 'application/octet-stream', /^Unsupported media type/],
  ])('refuses %s with a 415 and keeps nothing', async (_name, format, declared, message) => {
    const body = format === 'text' ? Buffer.from('Hello, this is not audio at all.') : audioBody(format, 4000);
    const response = await putRecording(t, world.tenantA.apiKey, callId, body, declared);
    expect(response.status).toBe(415);
    expect(response.body.error).toMatch(message);
    expect(await stored()).toEqual(nothingStored);
    expect((await call(t.app, 'GET', `/api/calls/${callId}`, { key: world.tenantA.apiKey })).body.recordingUrl).toBeNull();
  });

  it('refuses an empty body with a 400', async () => {
    const response = await putRecording(t, world.tenantA.apiKey, callId, Buffer.alloc(0), 'audio/mpeg');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [{ field: 'body', message: 'The recording is empty', code: 'too_small' }] });
  });

  it('takes a recording of exactly the limit, and answers 413 one byte over, announced or streamed, leaving nothing behind', async () => {
    expect((await putRecording(t, world.tenantA.apiKey, callId, audioBody('audio/mpeg', LIMIT), 'audio/mpeg')).status).toBe(201);
    await clearRecordingFiles(t);
    await t.db.deleteFrom('call_recordings').execute();
    await t.db.deleteFrom('recording_chunks').execute();

    const over = audioBody('audio/mpeg', LIMIT + 1);
    const announced = await putRecording(t, world.tenantA.apiKey, callId, over, 'audio/mpeg');
    expect(announced.status).toBe(413);
    expect(announced.body).toEqual({ error: `A recording may be at most ${LIMIT} bytes` });
    // Without a Content-Length the limit is found while the bytes stream in.
    const streamed = await putRecording(t, world.tenantA.apiKey, callId, Readable.from([over.subarray(0, 70_000), over.subarray(70_000)]), 'audio/mpeg');
    expect(streamed.status).toBe(413);
    expect(await stored()).toEqual(nothingStored);
    expect((await call(t.app, 'GET', `/api/calls/${callId}`, { key: world.tenantA.apiKey })).body.recordingUrl).toBeNull();
  });

  it('replaces a recording atomically: readers see the old one whole while the new one streams in, then the new one', async () => {
    const first = audioBody('audio/mpeg', 2 * CHUNK_BYTES + 10, 1);
    const second = audioBody('audio/ogg', CHUNK_BYTES + 20, 2);
    const created = await putRecording(t, world.tenantA.apiKey, callId, first, 'audio/mpeg');
    expect(created.status).toBe(201);

    const incoming = new PassThrough();
    const replacing = putRecording(t, world.tenantA.apiKey, callId, incoming, 'audio/ogg');
    incoming.write(second.subarray(0, CHUNK_BYTES + 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await openLink(t, created.body.recordingUrl);
    expect(during.headers['content-type']).toBe('audio/mpeg');
    expect(sha256(during.bytes)).toBe(sha256(first));

    incoming.end(second.subarray(CHUNK_BYTES + 5));
    const replaced = await replacing;
    expect(replaced.status, replaced.text).toBe(200);
    const after = await openLink(t, replaced.body.recordingUrl);
    expect(after.headers['content-type']).toBe('audio/ogg');
    expect(sha256(after.bytes)).toBe(sha256(second));
    // The old bytes are gone from storage, not merely unreferenced.
    expect(await stored()).toEqual(oneRecording(second.length));
  });

  it('lets a download that began before a replacement finish with the old bytes, or fail, but never mix the two', async () => {
    const first = audioBody('audio/mpeg', 3 * CHUNK_BYTES, 3);
    await putRecording(t, world.tenantA.apiKey, callId, first, 'audio/mpeg');
    const row = await t.db.selectFrom('call_recordings').selectAll().executeTakeFirstOrThrow();
    const reader = (await t.app.recordings.of(storage).open(row.storage_key, { start: 0, end: first.length - 1 }))!;
    const received: Buffer[] = [];
    const iterator = reader[Symbol.asyncIterator]();
    received.push((await iterator.next()).value as Buffer);
    await putRecording(t, world.tenantA.apiKey, callId, audioBody('audio/mpeg', 3 * CHUNK_BYTES, 4), 'audio/mpeg');
    const rest = (async () => {
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) received.push(next.value as Buffer);
    })();
    if (storage === 'files') {
      await rest;
      expect(sha256(Buffer.concat(received))).toBe(sha256(first));
    } else {
      await expect(rest).rejects.toThrow(/is gone/);
      expect(first.subarray(0, Buffer.concat(received).length).equals(Buffer.concat(received))).toBe(true);
    }
  });

  it("answers Call not found to keys that cannot reach the call, and for calls that do not exist, storing nothing", async () => {
    const body = audioBody('audio/mpeg', 4000);
    for (const [key, id] of [
      [world.tenantB.apiKey, callId],
      [world.orgA2Key, callId],
      [world.tenantA.apiKey, '01936f5e-0000-7000-8000-000000000000'],
      [world.tenantA.apiKey, 'not-a-call'],
    ] as const) {
      const response = await putRecording(t, key, id, body, 'audio/mpeg');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Call not found' });
    }
    expect(await stored()).toEqual(nothingStored);
  });
});
