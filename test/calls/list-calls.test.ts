import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { SEED_CALL_KEYS } from '../support/contract.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

interface Seeded {
  id: string;
  callType: string;
  agentName: string;
  start: string;
  duration: number;
  intent: string | null;
}

/** Calls with deliberate ties: two share a start time and a duration, two share a duration. */
const DATA: Array<Omit<Seeded, 'id'> & { agentId: string; phone?: string | null }> = [
  { callType: 'Inbound', agentId: 'agent-smith', agentName: 'Dr. Smith Assistant', start: '2025-05-01T09:00:00Z', duration: 95, intent: 'Book Appointment' },
  { callType: 'Outbound', agentId: 'agent-billing', agentName: 'Billing Bot', start: '2025-05-10T10:00:00Z', duration: 1000, intent: 'billing' },
  { callType: 'Web', agentId: 'agent-smith', agentName: 'Dr. Smith Assistant', start: '2025-05-20T11:00:00Z', duration: 300, intent: 'book appointment', phone: null },
  { callType: 'Inbound', agentId: 'agent-nurse', agentName: 'Night Nurse', start: '2025-06-01T00:00:00Z', duration: 95, intent: 'Refill' },
  { callType: 'Inbound', agentId: 'agent-billing', agentName: 'Billing Bot', start: '2025-06-15T12:00:00Z', duration: 5, intent: null },
  { callType: 'Outbound', agentId: 'agent-smith', agentName: 'Dr. Smith Assistant', start: '2025-05-10T10:00:00Z', duration: 1000, intent: 'Book Appointment Later' },
];

const byStart = (a: Seeded, b: Seeded) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id);
const byDuration = (a: Seeded, b: Seeded) => a.duration - b.duration || a.id.localeCompare(b.id);
const reference: Record<string, (calls: Seeded[]) => Seeded[]> = {
  asc: (calls) => [...calls].sort(byStart),
  desc: (calls) => [...calls].sort(byStart).reverse(),
  duration_asc: (calls) => [...calls].sort(byDuration),
  duration_desc: (calls) => [...calls].sort(byDuration).reverse(),
};

describe.each(backends)('GET /api/calls on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let seeded: Seeded[];

  const list = (query: Record<string, string | number | undefined>, key = world.tenantA.apiKey) =>
    call(t.app, 'GET', '/api/calls', { key, query: { organizationId: world.orgA1.id, ...query } });
  const ids = (body: { calls: Array<{ id: string }> }) => body.calls.map((c) => c.id);

  beforeEach(async () => {
    world = await twoTenants(t);
    seeded = [];
    for (const row of DATA) {
      const startMs = Date.parse(row.start);
      const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id, {
        callType: row.callType,
        agentId: row.agentId,
        agentName: row.agentName,
        callStartedAt: row.start,
        callEndedAt: new Date(startMs + row.duration * 1000).toISOString(),
        userPrimaryIntent: row.intent ?? undefined,
        phoneNumber: row.phone === null ? undefined : '+15559876543',
      });
      seeded.push({ id: created.id, callType: row.callType, agentName: row.agentName, start: row.start, duration: row.duration, intent: row.intent });
    }
    await newCall(t, world.tenantA.apiKey, world.orgA2.id);
    await newCall(t, world.tenantB.apiKey, world.orgB1.id);
  });

  describe('happy path', () => {
    it('returns the seed shape: eleven keys in order, string durations, UTC seconds, and the defaults', async () => {
      const response = await list({});
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['calls', 'pagination']);
      expect(response.body.pagination).toEqual({ page: 1, limit: 10, total: 6, totalPages: 1, hasNextPage: false, hasPreviousPage: false });
      for (const item of response.body.calls) {
        expect(Object.keys(item)).toEqual(SEED_CALL_KEYS);
        expect(item.organizationId).toBe(world.orgA1.id);
        expect(item.callDurationSeconds).toMatch(/^\d+$/);
        for (const key of ['callStartedAt', 'callEndedAt', 'createdAt']) expect(item[key]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      const first = response.body.calls[0];
      expect(first).toMatchObject({
        callType: 'Inbound',
        agentId: 'agent-billing',
        agentName: 'Billing Bot',
        phoneNumber: '+15559876543',
        callStartedAt: '2025-06-15T12:00:00Z',
        callEndedAt: '2025-06-15T12:00:05Z',
        callDurationSeconds: '5',
        userPhoneNumber: '+15551234567',
        createdAt: '2026-01-15T12:00:00Z',
      });
    });

    it('gives absent values as null', async () => {
      const response = await list({ callType: 'Web' });
      expect(response.body.calls).toHaveLength(1);
      expect(response.body.calls[0].phoneNumber).toBeNull();
    });

    it.each(Object.keys(reference))('sorts %s with ties broken on id', async (sort) => {
      const response = await list({ sort, limit: 20 });
      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual(reference[sort]!(seeded).map((c) => c.id));
    });

    it('sorts durations as numbers, so 1000 seconds comes before 95', async () => {
      const response = await list({ sort: 'duration_desc', limit: 3 });
      expect(response.body.calls.map((c: { callDurationSeconds: string }) => c.callDurationSeconds)).toEqual(['1000', '1000', '300']);
    });

    it.each([
      ['callType', { callType: 'Outbound' }, (c: Seeded) => c.callType === 'Outbound'],
      ['agentName substring, any case', { agentName: 'smith' }, (c: Seeded) => c.agentName === 'Dr. Smith Assistant'],
      ['agentName with LIKE wildcards taken literally', { agentName: '%' }, () => false],
      ['from, inclusive', { from: '2025-05-10T10:00:00Z' }, (c: Seeded) => c.start >= '2025-05-10T10:00:00Z'],
      ['to, inclusive', { to: '2025-05-10T10:00:00Z' }, (c: Seeded) => c.start <= '2025-05-10T10:00:00Z'],
      ['from with an offset', { from: '2025-05-10T12:00:00+02:00' }, (c: Seeded) => c.start >= '2025-05-10T10:00:00Z'],
      ['from equal to to', { from: '2025-06-01T00:00:00Z', to: '2025-06-01T00:00:00Z' }, (c: Seeded) => c.start === '2025-06-01T00:00:00Z'],
      ['userPrimaryIntent, exact but any case', { userPrimaryIntent: 'BOOK appointment' }, (c: Seeded) => c.intent?.toLowerCase() === 'book appointment'],
      ['an agent name that matches nobody', { agentName: 'nobody at all' }, () => false],
      [
        'every filter combined',
        { callType: 'Outbound', agentName: 'SMITH', from: '2025-05-01T00:00:00Z', to: '2025-05-31T23:59:59Z', userPrimaryIntent: 'book appointment later' },
        (c: Seeded) => c.callType === 'Outbound' && c.agentName.includes('Smith') && c.intent === 'Book Appointment Later',
      ],
    ])('filters by %s', async (_name, query, predicate) => {
      const expected = reference.desc!(seeded.filter(predicate)).map((c) => c.id);
      const response = await list({ ...query, limit: 20 });
      expect(response.status, response.text).toBe(200);
      expect(ids(response.body)).toEqual(expected);
      expect(response.body.pagination.total).toBe(expected.length);
    });

    it.each(Object.keys(reference))('walks every page of %s exactly once', async (sort) => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const response = await list({ sort, limit: 2, page });
        expect(response.body.pagination).toEqual({
          page,
          limit: 2,
          total: 6,
          totalPages: 3,
          hasNextPage: page < 3,
          hasPreviousPage: page > 1,
        });
        seen.push(...ids(response.body));
      }
      expect(seen).toEqual(reference[sort]!(seeded).map((c) => c.id));
    });

    it('answers a page past the end with no calls and the true totals', async () => {
      const response = await list({ page: 7, limit: 4 });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        calls: [],
        pagination: { page: 7, limit: 4, total: 6, totalPages: 2, hasNextPage: false, hasPreviousPage: true },
      });
    });

    it('accepts the largest page without overflowing an offset', async () => {
      const response = await list({ page: Number.MAX_SAFE_INTEGER, limit: 20 });
      expect(response.status).toBe(200);
      expect(response.body.calls).toEqual([]);
    });

    it('ignores unknown parameters and treats empty ones as absent', async () => {
      const response = await list({ foo: 'bar', callType: '', agentName: '', page: '', sort: '' });
      expect(response.status).toBe(200);
      expect(response.body.pagination.total).toBe(6);
      expect(ids(response.body)).toEqual(reference.desc!(seeded).map((c) => c.id));
    });

    it('lets an organization key list its own organization', async () => {
      const response = await list({}, world.orgA1Key);
      expect(response.status).toBe(200);
      expect(response.body.pagination.total).toBe(6);
    });
  });

  describe('errors', () => {
    it('rejects an unknown callType with the seed body to the letter', async () => {
      const response = await list({ callType: 'fax' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'Invalid request data',
        details: [
          {
            field: 'callType',
            message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'",
            code: 'invalid_enum_value',
          },
        ],
      });
    });

    it('treats callType case-sensitively', async () => {
      expect((await list({ callType: 'inbound' })).status).toBe(400);
    });

    it.each(['not-a-date', '2025-05-01', '2025-05-01T00:00:00', '2025-02-30T00:00:00Z', '2025-05-01T24:00:00Z', '1714521600'])(
      'rejects the date %s with the seed body to the letter',
      async (from) => {
        const response = await list({ from });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          error: 'Invalid request data',
          details: [
            { field: 'from', message: 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)', code: 'custom' },
          ],
        });
      },
    );

    it('rejects from after to with the seed body to the letter', async () => {
      const response = await list({ from: '2025-06-01T00:00:00Z', to: '2025-05-01T00:00:00Z' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'Invalid request data',
        details: [{ field: 'from', message: "The 'from' date must be before or equal to the 'to' date", code: 'custom' }],
      });
    });

    it('reports every bad parameter at once', async () => {
      const response = await list({ callType: 'fax', to: 'soon', page: 0, limit: 21, sort: 'random' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'page', message: 'Number must be greater than or equal to 1', code: 'too_small' },
        { field: 'limit', message: 'Number must be less than or equal to 20', code: 'too_big' },
        { field: 'callType', message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'", code: 'invalid_enum_value' },
        { field: 'to', message: 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)', code: 'custom' },
        {
          field: 'sort',
          message: "Invalid enum value. Expected 'desc' | 'asc' | 'duration_desc' | 'duration_asc', received 'random'",
          code: 'invalid_enum_value',
        },
      ]);
    });

    it.each([
      [{ page: 'two' }, { field: 'page', message: 'Expected number, received string', code: 'invalid_type' }],
      [{ page: '0x10' }, { field: 'page', message: 'Expected number, received string', code: 'invalid_type' }],
      [{ page: 1.5 }, { field: 'page', message: 'Expected integer, received float', code: 'invalid_type' }],
      [{ limit: 0 }, { field: 'limit', message: 'Number must be greater than or equal to 1', code: 'too_small' }],
      [{ page: '1e400' }, { field: 'page', message: 'Expected number, received string', code: 'invalid_type' }],
      [{ page: '99999999999999999999' }, { field: 'page', message: 'Number must be less than or equal to 9007199254740991', code: 'too_big' }],
      [{ organizationId: undefined }, { field: 'organizationId', message: 'Required', code: 'invalid_type' }],
      [{ agentName: 'x'.repeat(201) }, { field: 'agentName', message: 'String must contain at most 200 character(s)', code: 'too_big' }],
    ])('rejects %o', async (query, detail) => {
      const response = await call(t.app, 'GET', '/api/calls', {
        key: world.tenantA.apiKey,
        query: { organizationId: 'organizationId' in query ? undefined : world.orgA1.id, ...query },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Invalid request data', details: [detail] });
    });

    it('rejects a repeated parameter instead of picking one', async () => {
      const response = await call(t.app, 'GET', `/api/calls?organizationId=${world.orgA1.id}&callType=Inbound&callType=Web`, {
        key: world.tenantA.apiKey,
      });
      expect(response.status).toBe(400);
      expect(response.body.details[0]).toMatchObject({ field: 'callType' });
    });

    it.each([
      ['a malformed id', () => 'not-a-uuid'],
      ['an unknown id', () => '01936f5e-0000-7000-8000-000000000000'],
      ["another tenant's organization", () => world.orgB1.id],
    ])('answers 404 for %s', async (_name, organizationId) => {
      const response = await list({ organizationId: organizationId() });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Organization not found' });
    });

    it("answers 404 when an organization key asks for a sibling organization's calls", async () => {
      const response = await list({ organizationId: world.orgA2.id }, world.orgA1Key);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Organization not found' });
    });
  });
});
