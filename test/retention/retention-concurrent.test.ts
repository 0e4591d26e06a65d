import { describe, expect, it, vi } from 'vitest';
import { expiredCallIds } from '../../src/calls/calls.repository.js';
import { applyRetention } from '../../src/retention/retention.service.js';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

vi.mock('../../src/calls/calls.repository.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/calls/calls.repository.js')>();
  return { ...actual, expiredCallIds: vi.fn(actual.expiredCallIds) };
});

const DAY = 24 * 3600 * 1000;

describe.each(backends)('retention racing another deletion on %s', (backend) => {
  const t = useTestApp(backend);

  it('audits nothing for a batch whose calls were deleted before it could delete them', async () => {
    const world = await twoTenants(t);
    const key = world.tenantA.apiKey;
    const started = new Date(t.clock.now() - 40 * DAY).toISOString();
    await newCall(t, key, world.orgA1.id, { callStartedAt: started, callEndedAt: started });
    const put = await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}`, { key, body: { name: 'Clinic', email: 'desk@clinic.example', retentionDays: 30 } });
    expect(put.status).toBe(200);

    // Another server's sweep, or a person, deletes the calls between this sweep's read and its delete.
    const original = vi.mocked(expiredCallIds).getMockImplementation()!;
    vi.mocked(expiredCallIds).mockImplementationOnce(async (...args) => {
      const ids = await original(...args);
      for (const id of ids) expect((await call(t.app, 'DELETE', `/api/calls/${id}`, { key })).status).toBe(204);
      return ids;
    });

    const outcome = await applyRetention(t.db, t.clock, t.app.recordings);
    expect(outcome.removed).toBe(0);
    const audit = await call(t.app, 'GET', '/api/audit', { key, query: { action: 'organization.calls_expired' } });
    expect(audit.body.events).toEqual([]);
  });
});
