import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { callBody, newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const OUT_OF_RANGE = 'Must fall between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z';
const INVALID_DATE = 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)';

/** Valid ISO 8601 whose UTC instant has no four-digit year, so it could not be written back as `YYYY-MM-DDTHH:MM:SSZ`. */
const outsideFourDigitYears = ['0000-01-01T00:00:00+00:01', '9999-12-31T23:59:59-00:01'];
/** Expanded years, which JavaScript reads but the API's form has no room for. */
const expandedYears = ['+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z'];

describe.each(backends)('date-times the API cannot write back, on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  const post = (change: Record<string, unknown>) =>
    call(t.app, 'POST', '/api/calls', { key: world.tenantA.apiKey, body: callBody({ organizationId: world.orgA1.id, ...change }) });

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it('POST /api/calls takes the first and the last second of the four-digit years, and refuses a minute beyond either or an expanded year', async () => {
    const edges = await post({ callStartedAt: '0000-01-01T00:00:00Z', callEndedAt: '9999-12-31T23:59:59.999Z', callDurationSeconds: 60 });
    expect(edges.status, edges.text).toBe(201);
    expect(edges.body).toMatchObject({ callStartedAt: '0000-01-01T00:00:00Z', callEndedAt: '9999-12-31T23:59:59Z', callDurationSeconds: '60' });
    for (const instant of outsideFourDigitYears) {
      for (const field of ['callStartedAt', 'callEndedAt']) {
        const times = { callStartedAt: '2025-05-01T00:00:00Z', callEndedAt: '2025-05-01T00:00:00Z', [field]: instant };
        const response = await post({ ...times, callDurationSeconds: 60 });
        expect(response.status, response.text).toBe(400);
        expect(response.body.details).toContainEqual({ field, message: OUT_OF_RANGE, code: 'custom' });
      }
    }
    for (const instant of expandedYears) {
      const response = await post({ callStartedAt: instant, callDurationSeconds: 60 });
      expect(response.status, response.text).toBe(400);
      expect(response.body.details).toContainEqual({ field: 'callStartedAt', message: INVALID_DATE, code: 'custom' });
    }
  });

  it.each([
    ['/api/calls', 'from'],
    ['/api/calls', 'to'],
    ['/api/calls/stats', 'from'],
    ['/api/calls/stats', 'to'],
    ['/api/calls/export', 'from'],
    ['/api/calls/export', 'to'],
  ])('GET %s refuses %s outside the four-digit years', async (url, parameter) => {
    for (const instant of outsideFourDigitYears) {
      const response = await call(t.app, 'GET', url, { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id, [parameter]: instant } });
      expect(response.status, response.text).toBe(400);
      expect(response.body).toEqual({ error: 'Invalid request data', details: [{ field: parameter, message: OUT_OF_RANGE, code: 'custom' }] });
    }
  });

  it('GET /api/audit refuses from and to outside the four-digit years', async () => {
    const [early, late] = outsideFourDigitYears;
    const response = await call(t.app, 'GET', '/api/audit', { key: world.tenantA.apiKey, query: { from: early!, to: late! } });
    expect(response.status, response.text).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'from', message: OUT_OF_RANGE, code: 'custom' },
      { field: 'to', message: OUT_OF_RANGE, code: 'custom' },
    ]);
  });
});

describe.each(backends)('durations derived from the two times, on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it('counts the whole seconds between the times as stored, so the duration matches what is shown', async () => {
    const posted = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { callStartedAt: '2025-05-01T10:00:00.900Z', callEndedAt: '2025-05-01T10:00:01.100Z' });
    expect(posted).toMatchObject({ callStartedAt: '2025-05-01T10:00:00Z', callEndedAt: '2025-05-01T10:00:01Z', callDurationSeconds: '1' });
  });

  it('holds a derived duration to the limit of a given one', async () => {
    const post = (body: Record<string, unknown>) => call(t.app, 'POST', '/api/calls', { key: world.tenantA.apiKey, body: callBody({ organizationId: world.orgA1.id, ...body }) });
    const limit = await post({ callStartedAt: '2000-01-01T00:00:00Z', callEndedAt: new Date(Date.parse('2000-01-01T00:00:00Z') + 2_147_483_647_000).toISOString() });
    expect(limit.status, limit.text).toBe(201);
    expect(limit.body.callDurationSeconds).toBe('2147483647');

    const times = { callStartedAt: '1900-01-01T00:00:00Z', callEndedAt: '9999-12-31T23:59:59Z' };
    const derived = await post(times);
    expect(derived.status, derived.text).toBe(400);
    expect(derived.body).toEqual({
      error: 'Invalid request data',
      details: [{ field: 'callEndedAt', message: "A call may last at most 2147483647 seconds: 'callEndedAt' is too far after 'callStartedAt'", code: 'too_big' }],
    });
    const given = await post({ ...times, callDurationSeconds: 90 });
    expect(given.status, given.text).toBe(201);
    expect(given.body.callDurationSeconds).toBe('90');
  });
});
