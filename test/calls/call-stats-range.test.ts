import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, newOrganization, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

/** How much time the statistics asked the time-zone database about, added up over every scan. */
const scanned = vi.hoisted(() => ({ ms: 0 }));

vi.mock('@date-fns/tz', async (importOriginal) => {
  const original = await importOriginal<typeof import('@date-fns/tz')>();
  return {
    ...original,
    tzScan: (timeZone: string, interval: { start: Date; end: Date }) => {
      scanned.ms += interval.end.getTime() - interval.start.getTime();
      return original.tzScan(timeZone, interval);
    },
  };
});

const DAY_MS = 86_400_000;

describe.each(backends)('GET /api/calls/stats over any span of time on %s', (backend) => {
  const t = useTestApp(backend);
  let key: string;
  let organizationId: string;

  beforeEach(async () => {
    key = (await newTenant(t)).apiKey;
    organizationId = (await newOrganization(t, key, { timezone: 'America/New_York' })).id;
    // Either side of the switch to daylight-saving time, 2025-03-09 at 07:00 UTC.
    for (const [index, start] of ['2025-03-09T04:30:00Z', '2025-03-09T06:30:00Z', '2025-03-10T03:30:00Z'].entries()) {
      await newCall(t, key, organizationId, { externalId: `march-${index}`, callStartedAt: start, callEndedAt: start });
    }
    scanned.ms = 0;
  });

  const stats = (query: Record<string, string>) => call(t.app, 'GET', '/api/calls/stats', { key, query: { organizationId, ...query } });

  it('looks the time zone up around the days with calls only, whatever range is asked for', async () => {
    const response = await stats({ from: '0001-01-01T00:00:00Z', to: '9999-12-31T23:59:59Z' });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ from: '0001-01-01T00:00:00Z', to: '9999-12-31T23:59:59Z', calls: 3 });
    expect(response.body.days.map((day: { date: string; calls: number }) => [day.date, day.calls])).toEqual([
      ['2025-03-08', 1],
      ['2025-03-09', 2],
    ]);
    expect(scanned.ms).toBeLessThan(3 * DAY_MS);
  });

  it('looks the time zone up around the days with calls only, however far apart they lie', async () => {
    for (const [index, start] of ['0001-01-01T12:00:00Z', '9999-12-31T12:00:00Z'].entries()) {
      await newCall(t, key, organizationId, { externalId: `far-${index}`, callStartedAt: start, callEndedAt: start });
    }
    const response = await stats({});
    expect(response.status, response.text).toBe(200);
    expect(response.body.days.map((day: { date: string; calls: number }) => [day.date, day.calls])).toEqual([
      ['0001-01-01', 1],
      ['2025-03-08', 1],
      ['2025-03-09', 2],
      ['9999-12-31', 1],
    ]);
    expect(scanned.ms).toBeLessThan(5 * DAY_MS);
  });
});
