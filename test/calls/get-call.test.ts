import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('GET /api/calls/{id} on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let callA1: { id: string };
  const get = (id: string, key: string, query: Record<string, string> = {}) => call(t.app, 'GET', `/api/calls/${id}`, { key, query });

  beforeEach(async () => {
    world = await twoTenants(t);
    callA1 = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { userName: 'Grace' });
  });

  it('returns the call to its tenant and to its organization key', async () => {
    for (const key of [world.tenantA.apiKey, world.orgA1Key]) {
      const response = await get(callA1.id, key);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: callA1.id, organizationId: world.orgA1.id, userName: 'Grace', transcriptUrl: null, recordingUrl: null });
    }
  });

  it('accepts the organization as a query parameter when it matches', async () => {
    const response = await get(callA1.id, world.tenantA.apiKey, { organizationId: world.orgA1.id });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a malformed id', () => get('42', world.tenantA.apiKey)],
    ['an unknown id', () => get('01936f5e-0000-7000-8000-000000000000', world.tenantA.apiKey)],
    ["another tenant's key", () => get(callA1.id, world.tenantB.apiKey)],
    ["a sibling organization's key", () => get(callA1.id, world.orgA2Key)],
    ['a different organization named in the query', () => get(callA1.id, world.tenantA.apiKey, { organizationId: world.orgA2.id })],
  ])('answers Call not found for %s', async (_name, request) => {
    const response = await request();
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Call not found' });
  });

  it('embeds the transcript turns with include=transcript, and only then', async () => {
    const turns = [
      { role: 'agent', text: 'Smith Dental, how can I help?' },
      { role: 'user', text: 'I would like to book a cleaning.' },
    ];
    const withTurns = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { transcript: turns });
    const included = await get(withTurns.id, world.orgA1Key, { include: 'transcript' });
    expect(included.status).toBe(200);
    expect(included.body.transcript).toEqual(turns);
    expect(Object.keys(included.body).at(-1)).toBe('transcript');
    const plain = await get(withTurns.id, world.orgA1Key);
    expect(plain.body).not.toHaveProperty('transcript');
    expect(plain.body).toEqual({ ...included.body, transcript: undefined, transcriptUrl: plain.body.transcriptUrl });
  });

  it('embeds a plain-text transcript as one turn without a role, and null for a call without one', async () => {
    const text = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { transcript: 'Agent: hello\nCaller: hi' });
    expect((await get(text.id, world.tenantA.apiKey, { include: 'transcript' })).body.transcript).toEqual([{ role: null, text: 'Agent: hello\nCaller: hi' }]);
    expect((await get(callA1.id, world.tenantA.apiKey, { include: 'transcript' })).body.transcript).toBeNull();
  });

  it('refuses an unknown include', async () => {
    const response = await get(callA1.id, world.tenantA.apiKey, { include: 'recording' });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({ field: 'include', code: 'invalid_enum_value' });
  });

  it('answers Organization not found for an organization outside the key', async () => {
    const response = await get(callA1.id, world.tenantB.apiKey, { organizationId: world.orgA1.id });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Organization not found' });
  });

  it('stops answering once the organization is deleted', async () => {
    await call(t.app, 'DELETE', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey });
    const response = await get(callA1.id, world.tenantA.apiKey);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Call not found' });
  });
});
