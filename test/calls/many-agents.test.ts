import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, newOrganization, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

/** More agents matching one name than either database binds in one statement (32,766 and 65,535). */
const MATCHING_AGENTS = 70_000;

describe.each(backends)('filtering by a name that %s agents share', (backend) => {
  const t = useTestApp(backend);
  let key: string;
  let organizationId: string;

  beforeEach(async () => {
    key = (await newTenant(t)).apiKey;
    organizationId = (await newOrganization(t, key)).id;
    const seeded = [
      { agentId: 'bulk-a', agentName: 'Bulk Agent A', start: '2025-06-01T10:00:00Z', duration: 60 },
      { agentId: 'bulk-a', agentName: 'Bulk Agent A', start: '2025-06-02T10:00:00Z', duration: 120 },
      { agentId: 'bulk-b', agentName: 'Bulk Agent B', start: '2025-06-03T10:00:00Z', duration: 180 },
      { agentId: 'other', agentName: 'Front desk', start: '2025-06-04T10:00:00Z', duration: 240 },
    ];
    for (const [index, seed] of seeded.entries()) {
      const ended = new Date(Date.parse(seed.start) + seed.duration * 1000).toISOString();
      await newCall(t, key, organizationId, { externalId: `seed-${index}`, agentId: seed.agentId, agentName: seed.agentName, callStartedAt: seed.start, callEndedAt: ended });
    }
    // Agents without calls, as a long history of deleted calls leaves them: no API makes an agent alone.
    const idle = Array.from({ length: MATCHING_AGENTS }, (_, index) => ({ organization_id: organizationId, id: `idle-${index}`, name: `Bulk agent ${index}`, created_at: 0 }));
    for (let start = 0; start < idle.length; start += 1000) await t.db.insertInto('agents').values(idle.slice(start, start + 1000)).execute();
  });

  const get = (path: string, query: Record<string, string>) => call(t.app, 'GET', path, { key, query: { organizationId, agentName: 'BULK', ...query } });

  it.each([
    ['newest first', {}],
    ['longest first', { sort: 'duration_desc' }],
    ['within a range', { from: '2025-06-02T00:00:00Z', to: '2025-06-30T00:00:00Z' }],
    ['longest first within a range', { sort: 'duration_desc', from: '2025-06-02T00:00:00Z' }],
  ])('lists, exactly, %s', async (_name, query: Record<string, string>) => {
    const listed = await get('/api/calls', query);
    expect(listed.status, listed.text).toBe(200);
    const expected = query.from === undefined ? 3 : 2;
    expect(listed.body.pagination.total).toBe(expected);
    expect(listed.body.calls).toHaveLength(expected);
    expect(listed.body.calls.every((listedCall: { agentName: string }) => listedCall.agentName.startsWith('Bulk Agent'))).toBe(true);
  });

  it('counts and exports exactly the calls of the matching agents', async () => {
    const stats = await get('/api/calls/stats', {});
    expect(stats.status, stats.text).toBe(200);
    expect(stats.body).toMatchObject({ calls: 3, duration: { totalSeconds: 360 } });
    expect(stats.body.agents.map((agent: { agentId: string }) => agent.agentId)).toEqual(['bulk-a', 'bulk-b']);
    const exported = await get('/api/calls/export', { format: 'ndjson' });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers['x-total-count']).toBe('3');
    expect(exported.text.trim().split('\n')).toHaveLength(3);
  });
});
