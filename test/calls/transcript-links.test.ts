import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { TEST_PUBLIC_URL, useTestApp } from '../support/test-app.js';

const INVALID_LINK = { error: 'This link is invalid or has expired' };

describe.each(backends)('signed transcript links on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  const open = (url: string) => call(t.app, 'GET', url.replace(TEST_PUBLIC_URL, ''));

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  async function linkFor(transcript: unknown): Promise<{ id: string; url: string }> {
    const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { transcript });
    return { id: created.id, url: created.transcriptUrl as string };
  }

  it('serves turns as Agent and Caller lines without an API key', async () => {
    const { url } = await linkFor([
      { role: 'agent', text: 'Thank you for calling Smith Dental.' },
      { role: 'user', text: 'I need to move my\nappointment.' },
    ]);
    const response = await open(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe('Agent: Thank you for calling Smith Dental.\nCaller: I need to move my appointment.\n');
  });

  it('serves a plain-text transcript as it came', async () => {
    const { url } = await linkFor('Agent said hello.\nCaller said hi.');
    expect((await open(url)).text).toBe('Agent said hello.\nCaller said hi.');
  });

  it('is valid for one hour and no longer', async () => {
    const { url } = await linkFor('words');
    t.clock.advance(3600 * 1000 - 1);
    expect((await open(url)).status).toBe(200);
    t.clock.advance(1);
    const expired = await open(url);
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual(INVALID_LINK);
  });

  it('refuses a link whose signature, expiry or call was altered', async () => {
    const { id, url } = await linkFor('words');
    const other = await linkFor('other words');
    const link = new URL(url);
    const signature = link.searchParams.get('signature')!;
    const expires = link.searchParams.get('expires')!;
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    const tampered = [
      `/api/calls/${id}/transcript?expires=${expires}&signature=${flipped}`,
      `/api/calls/${id}/transcript?expires=${Number(expires) + 3600}&signature=${signature}`,
      `/api/calls/${other.id}/transcript?expires=${expires}&signature=${signature}`,
      `/api/calls/${id}/transcript?expires=${expires}`,
      `/api/calls/${id}/transcript`,
      `/api/calls/not-a-uuid/transcript?expires=${expires}&signature=${signature}`,
    ];
    for (const path of tampered) {
      const response = await call(t.app, 'GET', path);
      expect(response.status, path).toBe(403);
      expect(response.body).toEqual(INVALID_LINK);
    }
  });

  it('stops working once the organization is deleted', async () => {
    const { url } = await linkFor('words');
    await call(t.app, 'DELETE', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey });
    const response = await open(url);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Call not found' });
  });
});
