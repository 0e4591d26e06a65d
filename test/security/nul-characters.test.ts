import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { callBody, newCall, organizationBody, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const NUL = '\u0000';
const refused = (field: string) => ({ field, message: 'Must not contain NUL characters', code: 'invalid_string' });

/**
 * PostgreSQL's text cannot hold U+0000, so text with a NUL is refused everywhere with a 400 naming
 * the field, on both databases alike, rather than stored by SQLite and a 500 on PostgreSQL.
 */
describe.each(backends)('NUL characters in input, on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  async function storedCalls(): Promise<number> {
    const response = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id } });
    return response.body.pagination.total as number;
  }

  it.each([
    [{ agentName: `Dr. ${NUL}Smith` }, 'agentName'],
    [{ agentId: `agent${NUL}` }, 'agentId'],
    [{ externalId: `${NUL}` }, 'externalId'],
    [{ phoneNumber: `+1555${NUL}` }, 'phoneNumber'],
    [{ callEndedReason: `hangup${NUL}` }, 'callEndedReason'],
    [{ userName: `Ann${NUL}` }, 'userName'],
    [{ userPhoneNumber: `+1555${NUL}` }, 'userPhoneNumber'],
    [{ userPrimaryIntent: `book${NUL}` }, 'userPrimaryIntent'],
    [{ userSentiment: `happy${NUL}` }, 'userSentiment'],
    [{ callSummary: `Booked.${NUL}` }, 'callSummary'],
    [{ recordingUrl: `https://voice.example/rec/${NUL}` }, 'recordingUrl'],
    [{ transcript: `Agent: hi${NUL}` }, 'transcript'],
    [{ transcript: [{ role: 'agent', text: 'hi' }, { role: 'user', text: `hello${NUL}` }] }, 'transcript.1.text'],
  ])('POST /api/calls refuses %o and stores nothing', async (change, field) => {
    const response = await call(t.app, 'POST', '/api/calls', { key: world.tenantA.apiKey, body: callBody({ organizationId: world.orgA1.id, ...change }) });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [refused(field)] });
    expect(await storedCalls()).toBe(0);
  });

  it.each([
    ['/api/calls', 'agentName'],
    ['/api/calls', 'userPrimaryIntent'],
    ['/api/calls', 'q'],
    ['/api/calls/stats', 'agentName'],
    ['/api/calls/stats', 'userPrimaryIntent'],
    ['/api/calls/stats', 'q'],
    ['/api/calls/export', 'agentName'],
    ['/api/calls/export', 'userPrimaryIntent'],
    ['/api/calls/export', 'q'],
  ])('GET %s refuses a NUL in %s', async (url, parameter) => {
    await newCall(t, world.tenantA.apiKey, world.orgA1.id, { userPrimaryIntent: 'book' });
    const response = await call(t.app, 'GET', url, { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id, [parameter]: `book${NUL}` } });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [refused(parameter)] });
  });

  it.each([
    ['/api/organization', 'search'],
    ['/api/audit', 'targetId'],
  ])('GET %s refuses a NUL in %s', async (url, parameter) => {
    const response = await call(t.app, 'GET', url, { key: world.tenantA.apiKey, query: { [parameter]: `A1${NUL}` } });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [refused(parameter)] });
  });

  it.each(['name', 'address', 'city', 'stateProvince', 'postalCode', 'country', 'phoneNumber', 'externalId'])(
    'refuses a NUL in an organization %s, on create and on update',
    async (field) => {
      const created = await call(t.app, 'POST', '/api/organization', { key: world.tenantA.apiKey, body: organizationBody({ [field]: `x${NUL}y` }) });
      expect(created.status, created.text).toBe(400);
      expect(created.body).toEqual({ error: 'Invalid request data', details: [refused(field)] });
      if (field === 'externalId') return;
      const update = { name: 'A1 Clinic', email: 'desk@clinic.example', [field]: `x${NUL}y` };
      const updated = await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey, body: update });
      expect(updated.status, updated.text).toBe(400);
      expect(updated.body).toEqual({ error: 'Invalid request data', details: [refused(field)] });
    },
  );

  it('refuses a NUL anywhere in organization metadata, in values and keys at any depth', async () => {
    const url = `/api/organization/${world.orgA1.id}/metadata`;
    const metadata = { plan: { tiers: ['gold', `silver${NUL}`] }, [`seats${NUL}`]: 4, notes: 'fine' };
    const response = await call(t.app, 'PUT', url, { key: world.tenantA.apiKey, body: metadata });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [refused(`metadata.seats${NUL}`), refused('metadata.plan.tiers.1')] });
    expect((await call(t.app, 'GET', url, { key: world.tenantA.apiKey })).status).toBe(404);
  });

  it('refuses a NUL in an API key name', async () => {
    const response = await call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId: world.orgA1.id, name: `desk${NUL}` } });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid request data', details: [refused('name')] });
  });
});
