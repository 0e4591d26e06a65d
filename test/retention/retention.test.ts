import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids.js';
import { applyRetention } from '../../src/retention/retention.service.js';
import { audioBody } from '../support/audio.js';
import { backends } from '../support/backends.js';
import { runCli } from '../support/cli-runner.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { clearRecordingFiles, putRecording, RECORDING_STORAGES, recordingChunkCount, recordingFiles } from '../support/recordings.js';
import { searchEntries } from '../support/search-index.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** Calls on both sides of a 30-day line drawn from `now`, each with a recording and a searchable word. */
async function callsAroundTheLine(t: TestApp, key: string, organizationId: string, now: number) {
  const starts = { old: now - 31 * DAY, justPast: now - 30 * DAY - 1000, onTheLine: now - 30 * DAY, recent: now - 29 * DAY };
  const ids: Record<keyof typeof starts, string> = { old: '', justPast: '', onTheLine: '', recent: '' };
  for (const [name, start] of Object.entries(starts) as Array<[keyof typeof starts, number]>) {
    const created = await newCall(t, key, organizationId, {
      callStartedAt: iso(start),
      callEndedAt: iso(start + 60_000),
      callSummary: `Retention probe ${name}`,
      transcript: `zz${name.toLowerCase()} speaking`,
    });
    await putRecording(t, key, created.id, audioBody('audio/mpeg', 3000), 'audio/mpeg');
    ids[name] = created.id;
  }
  return ids;
}

const remaining = async (t: TestApp, organizationId: string) =>
  (await t.db.selectFrom('calls').select('id').where('organization_id', '=', organizationId).execute()).map((row) => row.id).sort();

const cases = backends.flatMap((backend) => RECORDING_STORAGES.map((storage) => [backend, storage] as const));

describe.each(cases)('retention on %s, recordings in %s', (backend, storage) => {
  const t = useTestApp(backend, { recordings: { storage } });
  let world: Awaited<ReturnType<typeof twoTenants>>;

  const setRetention = (organizationId: string, retentionDays: number | null) =>
    call(t.app, 'PUT', `/api/organization/${organizationId}`, { key: world.tenantA.apiKey, body: { name: 'Clinic', email: 'desk@clinic.example', retentionDays } });

  beforeEach(async () => {
    await clearRecordingFiles(t);
    world = await twoTenants(t);
  });

  it('is set, kept and cleared through the organization API', async () => {
    const created = await call(t.app, 'POST', '/api/organization', {
      key: world.tenantA.apiKey,
      body: { name: 'R', email: 'r@clinic.example', address: '1', city: 'A', stateProvince: 'TX', postalCode: '1', country: 'US', phoneNumber: '1', timezone: 'America/Chicago', retentionDays: 90 },
    });
    expect(created.body.retentionDays).toBe(90);
    expect((await call(t.app, 'GET', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey })).body.retentionDays).toBeNull();
    expect((await setRetention(world.orgA1.id, 30)).body.retentionDays).toBe(30);
    const untouched = await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey, body: { name: 'Clinic', email: 'desk@clinic.example' } });
    expect(untouched.body.retentionDays).toBe(30);
    expect((await setRetention(world.orgA1.id, null)).body.retentionDays).toBeNull();
    for (const bad of [0, 36_501, 1.5, '30']) {
      const response = await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey, body: { name: 'C', email: 'c@clinic.example', retentionDays: bad } });
      expect(response.status, String(bad)).toBe(400);
      expect(response.body.details[0].field).toBe('retentionDays');
    }
  });

  it('deletes exactly the calls that started before the line, with everything they held, in batches', async () => {
    const now = t.clock.now();
    const a1 = await callsAroundTheLine(t, world.tenantA.apiKey, world.orgA1.id, now);
    const a2 = await callsAroundTheLine(t, world.tenantA.apiKey, world.orgA2.id, now);
    await setRetention(world.orgA1.id, 30);
    const before = { files: (await recordingFiles(t)).length, chunks: await recordingChunkCount(t) };

    const outcome = await applyRetention(t.db, t.clock, t.app.recordings, { batchSize: 1 });
    expect(outcome).toMatchObject({ removed: 2, organizations: [{ organizationId: world.orgA1.id, removed: 2, startedBefore: iso(now - 30 * DAY) }] });
    expect(await remaining(t, world.orgA1.id)).toEqual([a1.onTheLine, a1.recent].sort());
    expect(await remaining(t, world.orgA2.id)).toEqual(Object.values(a2).sort());
    expect(await searchEntries(t, 'zzold')).toBe(1);
    expect(await searchEntries(t, 'zzjustpast')).toBe(1);
    expect(await searchEntries(t, 'zzrecent')).toBe(2);
    const gone = await t.db.selectFrom('call_transcripts').select('call_id').where('call_id', 'in', [a1.old, a1.justPast]).execute();
    expect(gone).toEqual([]);
    if (storage === 'files') expect((await recordingFiles(t)).length).toBe(before.files - 2);
    else expect(await recordingChunkCount(t)).toBe(before.chunks - 2);

    const audit = await call(t.app, 'GET', '/api/audit', { key: world.tenantA.apiKey, query: { action: 'organization.calls_expired' } });
    expect(audit.body.events.map((event: any) => event.details)).toEqual([
      { calls: 1, startedBefore: iso(now - 30 * DAY) },
      { calls: 1, startedBefore: iso(now - 30 * DAY) },
    ]);
    expect((await applyRetention(t.db, t.clock, t.app.recordings)).removed).toBe(0);
  });

  it("still deletes a soft-deleted organization's expired calls, which are out of reach but stored", async () => {
    const now = t.clock.now();
    const ids = await callsAroundTheLine(t, world.tenantA.apiKey, world.orgA1.id, now);
    await setRetention(world.orgA1.id, 30);
    expect((await call(t.app, 'DELETE', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey })).status).toBe(200);

    const outcome = await applyRetention(t.db, t.clock, t.app.recordings);
    expect(outcome).toMatchObject({ removed: 2, organizations: [{ organizationId: world.orgA1.id, removed: 2 }] });
    expect(await remaining(t, world.orgA1.id)).toEqual([ids.onTheLine, ids.recent].sort());
    expect(await searchEntries(t, 'zzold')).toBe(0);
    const audit = await call(t.app, 'GET', '/api/audit', { key: world.tenantA.apiKey, query: { action: 'organization.calls_expired' } });
    expect(audit.body.events).toMatchObject([{ organizationId: world.orgA1.id, details: { calls: 2 } }]);
  });

  it('removes recording bytes no row names once they are a day old, and nothing else', async () => {
    const kept = await newCall(t, world.tenantA.apiKey, world.orgA1.id);
    await putRecording(t, world.tenantA.apiKey, kept.id, audioBody('audio/mpeg', 3000), 'audio/mpeg');
    const folder = t.app.config.recordings.directory;
    const longAgo = new Date(t.clock.now() - 2 * DAY);
    // The kept call's file is old too: age alone never condemns a file a row names.
    for (const file of await recordingFiles(t)) await fs.utimes(path.join(folder, file), longAgo, longAgo);
    const orphan = path.join(folder, 'ab', `${newId().slice(0, -2)}ab`);
    const fresh = path.join(folder, 'cd', `${newId().slice(0, -2)}cd`);
    const partial = path.join(folder, 'incoming', `${newId()}.part`);
    for (const file of [orphan, fresh, partial]) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, 'bytes');
    }
    await fs.utimes(orphan, longAgo, longAgo);
    await fs.utimes(partial, longAgo, longAgo);
    await t.db.insertInto('recording_chunks').values({ blob_id: newId(), seq: 0, data: Buffer.from('x'), created_at: t.clock.now() - 2 * DAY }).execute();
    const chunksBefore = await recordingChunkCount(t);

    const outcome = await applyRetention(t.db, t.clock, t.app.recordings);
    expect(outcome.garbageRemoved).toBe(3);
    const files = await recordingFiles(t);
    expect(files).not.toContain(path.relative(folder, orphan));
    expect(files).not.toContain(path.relative(folder, partial));
    expect(files).toContain(path.relative(folder, fresh));
    expect(await recordingChunkCount(t)).toBe(chunksBefore - 1);
    const served = await call(t.app, 'GET', `/api/calls/${kept.id}`, { key: world.tenantA.apiKey });
    expect(served.body.recordingUrl).not.toBeNull();
    expect(storage === 'files' ? files.length : await recordingChunkCount(t)).toBe(storage === 'files' ? 2 : 1);
  });

  it('runs from the CLI, which prints how many calls it removed', async () => {
    // The CLI runs on the real clock: drawn a second before it, the line leaves only the recent call.
    const ids = await callsAroundTheLine(t, world.tenantA.apiKey, world.orgA1.id, Date.now() - 1000);
    await setRetention(world.orgA1.id, 30);
    const database = t.app.config.database;
    const env = {
      DATABASE_URL: database.kind === 'postgres' ? database.url : database.path,
      RECORDINGS_DIR: t.app.config.recordings.directory,
    };
    const result = await runCli(['retention', 'run', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json).toMatchObject({ removed: 3, organizations: [{ organizationId: world.orgA1.id, removed: 3 }] });
    expect(await remaining(t, world.orgA1.id)).toEqual([ids.recent]);
    const text = await runCli(['retention', 'run', '--org', world.orgA1.id], env);
    expect(text.stdout).toMatch(/^Deleted 0 calls past their organization's retention/);
    expect((await runCli(['org', 'set-retention', world.orgA1.id, '--forever', '--json'], env)).json.retentionDays).toBeNull();
    expect((await runCli(['org', 'set-retention', world.orgA1.id, '--days', '7', '--json'], env)).json.retentionDays).toBe(7);
    const both = await runCli(['org', 'set-retention', world.orgA1.id, '--days', '7', '--forever'], env);
    expect(both.code).toBe(2);
    expect((await runCli(['org', 'set-retention', world.orgA1.id, '--days', '0'], env)).code).toBe(2);
  });
});
