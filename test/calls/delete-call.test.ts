import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { audioBody } from '../support/audio.js';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { clearRecordingFiles, openLink, putRecording, RECORDING_STORAGES, recordingChunkCount, recordingFiles } from '../support/recordings.js';
import { searchEntries } from '../support/search-index.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

async function rowsOf(t: TestApp, callId: string) {
  const count = async (table: 'calls' | 'call_transcripts' | 'call_recordings', column: 'id' | 'call_id') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', callId).executeTakeFirstOrThrow()).n);
  return { calls: await count('calls', 'id'), transcripts: await count('call_transcripts', 'call_id'), recordings: await count('call_recordings', 'call_id') };
}

const cases = backends.flatMap((backend) => RECORDING_STORAGES.map((storage) => [backend, storage] as const));

describe.each(cases)('DELETE /api/calls/{id} on %s, recordings in %s', (backend, storage) => {
  const t = useTestApp(backend, { recordings: { storage } });
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let doomed: { id: string; transcriptUrl: string; recordingUrl: string };
  let kept: { id: string };

  beforeEach(async () => {
    await clearRecordingFiles(t);
    world = await twoTenants(t);
    const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id, {
      callSummary: 'Asked about periodontal surgery.',
      transcript: [{ role: 'user', text: 'Is the periodontist in on Friday?' }],
    });
    const uploaded = await putRecording(t, world.tenantA.apiKey, created.id, audioBody('audio/mpeg', 700_000), 'audio/mpeg');
    doomed = { id: created.id, transcriptUrl: created.transcriptUrl, recordingUrl: uploaded.body.recordingUrl };
    kept = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { callSummary: 'Periodontal follow-up.' });
    await putRecording(t, world.tenantA.apiKey, kept.id, audioBody('audio/wav', 1000), 'audio/wav');
  });

  it('removes the call, its transcript, recording and search entries, and its links stop working at once', async () => {
    const before = { files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) };
    expect(await searchEntries(t, 'periodontist')).toBe(1);
    // Served so that no cache keeps a copy past the deletion.
    for (const url of [doomed.transcriptUrl, doomed.recordingUrl]) expect((await openLink(t, url)).headers['cache-control']).toBe('private, no-store');

    const response = await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key: world.orgA1Key });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');

    expect(await rowsOf(t, doomed.id)).toEqual({ calls: 0, transcripts: 0, recordings: 0 });
    expect(await searchEntries(t, 'periodontist')).toBe(0);
    expect(await searchEntries(t, 'periodontal')).toBe(1);
    const after = { files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) };
    if (storage === 'files') expect(after).toEqual({ files: before.files - 1, chunks: 0 });
    else expect(after).toEqual({ files: 0, chunks: before.chunks - 2 });

    for (const url of [doomed.transcriptUrl, doomed.recordingUrl]) {
      const opened = await openLink(t, url);
      expect(opened.status, url).toBe(404);
      expect(JSON.parse(opened.text)).toEqual({ error: 'Call not found' });
    }
    expect((await call(t.app, 'GET', `/api/calls/${doomed.id}`, { key: world.tenantA.apiKey })).status).toBe(404);
    const search = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id, q: 'periodont' } });
    expect(search.body.calls.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    expect(search.body.pagination.total).toBe(1);
    expect((await openLink(t, (await call(t.app, 'GET', `/api/calls/${kept.id}`, { key: world.tenantA.apiKey })).body.recordingUrl)).status).toBe(200);
  });

  it('answers a second delete with Call not found', async () => {
    expect((await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key: world.tenantA.apiKey })).status).toBe(204);
    const again = await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key: world.tenantA.apiKey });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: 'Call not found' });
  });

  it('records the deletion in the audit log with the key that made it', async () => {
    await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key: world.orgA1Key });
    const audit = await call(t.app, 'GET', '/api/audit', { key: world.tenantA.apiKey, query: { action: 'call.deleted' } });
    expect(audit.body.events).toHaveLength(1);
    expect(audit.body.events[0]).toMatchObject({ organizationId: world.orgA1.id, targetType: 'call', targetId: doomed.id, actor: { type: 'api_key', keyName: 'Front desk' } });
  });

  it('answers Call not found to keys that cannot reach the call, and deletes nothing', async () => {
    for (const [key, query] of [
      [world.tenantB.apiKey, {}],
      [world.orgA2Key, {}],
      [world.tenantA.apiKey, { organizationId: world.orgA2.id }],
    ] as const) {
      const response = await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key, query });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Call not found' });
    }
    expect(await rowsOf(t, doomed.id)).toEqual({ calls: 1, transcripts: 1, recordings: 1 });
    expect((await openLink(t, doomed.recordingUrl)).status).toBe(200);
  });

  it('lets an upload still streaming in when its call is deleted end in Call not found, keeping none of its bytes', async () => {
    const before = { files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) };
    const body = audioBody('audio/ogg', 600_000);
    const incoming = new PassThrough();
    const uploading = putRecording(t, world.tenantA.apiKey, doomed.id, incoming, 'audio/ogg');
    incoming.write(body.subarray(0, 300_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await call(t.app, 'DELETE', `/api/calls/${doomed.id}`, { key: world.tenantA.apiKey })).status).toBe(204);
    incoming.end(body.subarray(300_000));
    const response = await uploading;
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Call not found' });
    const after = { files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) };
    if (storage === 'files') expect(after).toEqual({ files: before.files - 1, chunks: 0 });
    else expect(after).toEqual({ files: 0, chunks: before.chunks - 2 });
  });
});
