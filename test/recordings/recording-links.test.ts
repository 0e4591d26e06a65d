import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_BYTES } from '../../src/recordings/database-storage.js';
import { audioBody } from '../support/audio.js';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { clearRecordingFiles, openLink, putRecording, RECORDING_STORAGES } from '../support/recordings.js';
import { useTestApp } from '../support/test-app.js';

const INVALID_LINK = { error: 'This link is invalid or has expired' };
const SIZE = 2 * CHUNK_BYTES + 4321;

const cases = backends.flatMap((backend) => RECORDING_STORAGES.map((storage) => [backend, storage] as const));

describe.each(cases)('signed recording links on %s, stored in %s', (backend, storage) => {
  const t = useTestApp(backend, { recordings: { storage } });
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let callId: string;
  let link: string;
  const audio = audioBody('audio/mpeg', SIZE, 7);

  beforeEach(async () => {
    await clearRecordingFiles(t);
    world = await twoTenants(t);
    callId = (await newCall(t, world.tenantA.apiKey, world.orgA1.id)).id;
    link = (await putRecording(t, world.tenantA.apiKey, callId, audio, 'audio/mpeg')).body.recordingUrl;
  });

  it.each([
    ['the first bytes', 'bytes=0-99', 0, 99],
    ['a range across a chunk boundary', `bytes=${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}`, CHUNK_BYTES - 10, CHUNK_BYTES + 9],
    ['an open-ended range', `bytes=${SIZE - 50}-`, SIZE - 50, SIZE - 1],
    ['the last bytes', 'bytes=-1000', SIZE - 1000, SIZE - 1],
    ['a range past the end, cut to it', `bytes=${SIZE - 5}-${SIZE + 500}`, SIZE - 5, SIZE - 1],
    ['one byte', `bytes=${CHUNK_BYTES}-${CHUNK_BYTES}`, CHUNK_BYTES, CHUNK_BYTES],
  ])('answers %s with a 206 and exactly those bytes', async (_name, range, start, end) => {
    const response = await openLink(t, link, { range });
    expect(response.status).toBe(206);
    expect(response.headers).toMatchObject({
      'content-range': `bytes ${start}-${end}/${SIZE}`,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
      'content-type': 'audio/mpeg',
    });
    expect(response.bytes.equals(audio.subarray(start, end + 1))).toBe(true);
  });

  it('answers 416 with the size for a range that starts past the end', async () => {
    const response = await openLink(t, link, { range: `bytes=${SIZE}-` });
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(JSON.parse(response.text)).toEqual({ error: 'The requested range is not within the recording' });
  });

  it.each([
    ['a malformed range', { range: 'bytes=abc' }],
    ['another unit', { range: 'seconds=1-2' }],
    ['several ranges', { range: 'bytes=0-9,100-109' }],
    ['an If-Range naming another version', { range: 'bytes=0-9', 'if-range': '"0193-not-this-one"' }],
  ])('serves the whole recording for %s', async (_name, headers) => {
    const response = await openLink(t, link, headers);
    expect(response.status).toBe(200);
    expect(response.bytes.equals(audio)).toBe(true);
  });

  it('honours an If-Range with the current ETag, and changes the ETag with the recording', async () => {
    const whole = await openLink(t, link);
    const etag = String(whole.headers.etag);
    expect((await openLink(t, link, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    await putRecording(t, world.tenantA.apiKey, callId, audioBody('audio/mpeg', 5000, 8), 'audio/mpeg');
    const resumed = await openLink(t, link, { range: 'bytes=0-9', 'if-range': etag });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.etag).not.toBe(etag);
    expect(resumed.bytes.length).toBe(5000);
  });

  it("may be played by an integrator's own pages, keeping the other security headers", async () => {
    const response = await openLink(t, link, { range: 'bytes=0-0' });
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers HEAD with the headers a player needs and no body, without reading the recording', async () => {
    const opened = [vi.spyOn(t.app.recordings.files, 'open'), vi.spyOn(t.app.recordings.database, 'open')];
    try {
      const response = await openLink(t, link, {}, 'HEAD');
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({ 'content-type': 'audio/mpeg', 'accept-ranges': 'bytes', 'content-length': String(SIZE) });
      expect(response.headers.etag).toMatch(/^"/);
      expect(response.bytes.length).toBe(0);
      const ranged = await openLink(t, link, { range: 'bytes=0-99' }, 'HEAD');
      expect(ranged.status).toBe(206);
      expect(ranged.headers).toMatchObject({ 'content-range': `bytes 0-99/${SIZE}`, 'content-length': '100' });
      expect(ranged.bytes.length).toBe(0);
      for (const open of opened) expect(open).not.toHaveBeenCalled();
    } finally {
      for (const open of opened) open.mockRestore();
    }
  });

  it('is valid for one hour and refuses an altered link or a transcript signature', async () => {
    const url = new URL(link);
    const signature = url.searchParams.get('signature')!;
    const expires = url.searchParams.get('expires')!;
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    for (const path of [
      `/api/calls/${callId}/recording?expires=${expires}&signature=${flipped}`,
      `/api/calls/${callId}/recording?expires=${Number(expires) + 60}&signature=${signature}`,
      `/api/calls/${callId}/recording`,
      `/api/calls/${callId}/transcript?expires=${expires}&signature=${signature}`,
    ]) {
      const response = await call(t.app, 'GET', path);
      expect(response.status, path).toBe(403);
      expect(response.body).toEqual(INVALID_LINK);
    }
    t.clock.advance(3600 * 1000 - 1);
    expect((await openLink(t, link, { range: 'bytes=0-0' })).status).toBe(206);
    t.clock.advance(1);
    expect((await openLink(t, link)).status).toBe(403);
  });

  it('stops working once the organization is deleted', async () => {
    await call(t.app, 'DELETE', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey });
    const response = await openLink(t, link);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({ error: 'Call not found' });
  });
});

describe.each(backends)("the voice provider's recordingUrl on %s", (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  const providerUrl = 'https://media.voice.example/recordings/abc.mp3?token=x%20y';

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it('is stored as given and returned by Get Call, until a recording is uploaded, which then wins', async () => {
    const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { recordingUrl: providerUrl });
    expect(created.recordingUrl).toBe(providerUrl);
    expect((await call(t.app, 'GET', `/api/calls/${created.id}`, { key: world.orgA1Key })).body.recordingUrl).toBe(providerUrl);
    const uploaded = await putRecording(t, world.tenantA.apiKey, created.id, audioBody('audio/wav', 3000), 'audio/wav');
    expect(uploaded.body.recordingUrl).toMatch(new RegExp(`^http://callbase\\.test/api/calls/${created.id}/recording\\?`));
  });

  it('may be null or empty, meaning none', async () => {
    expect((await newCall(t, world.tenantA.apiKey, world.orgA1.id, { recordingUrl: null })).recordingUrl).toBeNull();
    expect((await newCall(t, world.tenantA.apiKey, world.orgA1.id, { recordingUrl: '' })).recordingUrl).toBeNull();
  });

  it.each(['ftp://media.voice.example/a.mp3', 'javascript:alert(1)', 'not a url', 'https://' + 'a'.repeat(2050) + '.example'])(
    'refuses %s',
    async (recordingUrl) => {
      const response = await call(t.app, 'POST', '/api/calls', { key: world.tenantA.apiKey, body: { organizationId: world.orgA1.id, ...callBodyWith(recordingUrl) } });
      expect(response.status).toBe(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual(['recordingUrl']);
    },
  );
});

function callBodyWith(recordingUrl: string) {
  return {
    callType: 'Inbound',
    agentName: 'Dr. Smith Assistant',
    phoneNumber: '+15559876543',
    callStartedAt: '2025-05-28T14:20:15Z',
    callEndedAt: '2025-05-28T14:23:15Z',
    recordingUrl,
  };
}
