import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { timezones } from '../../src/organizations/organizations.schemas.js';
import { backends } from '../support/backends.js';
import { newCall, newOrganization, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

interface Seed {
  start: string;
  duration: number;
  callType?: 'Inbound' | 'Outbound' | 'Web';
  agentId?: string;
  intent?: string;
  sentiment?: string;
}

async function seed(t: TestApp, key: string, organizationId: string, calls: Seed[]) {
  for (const [index, row] of calls.entries()) {
    const startMs = Date.parse(row.start);
    const agentId = row.agentId ?? 'agent-smith';
    await newCall(t, key, organizationId, {
      externalId: `seed-${index}`,
      callType: row.callType ?? 'Inbound',
      agentId,
      agentName: `Agent ${agentId}`,
      callStartedAt: row.start,
      callEndedAt: new Date(startMs + row.duration * 1000).toISOString(),
      callDurationSeconds: row.duration,
      userPrimaryIntent: row.intent,
      userSentiment: row.sentiment,
    });
  }
}

/** Written apart from the implementation: the runtime's own formatter names each call's local date. */
function referenceDays(calls: Seed[], timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Map<string, { date: string; calls: number; byType: Record<string, number> }>();
  for (const row of calls) {
    const date = format.format(new Date(row.start));
    const day = days.get(date) ?? { date, calls: 0, byType: { Inbound: 0, Outbound: 0, Web: 0 } };
    day.calls += 1;
    day.byType[row.callType ?? 'Inbound']! += 1;
    days.set(date, day);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Nearest rank, by the book: sort ascending, take the value at rank ceil(0.9 n). */
function referenceP90(durations: number[]) {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

describe.each(backends)('GET /api/calls/stats on %s', (backend) => {
  const t = useTestApp(backend);
  let key: string;

  beforeEach(async () => {
    key = (await newTenant(t)).apiKey;
  });

  const stats = (organizationId: string, query: Record<string, string | undefined> = {}) =>
    call(t.app, 'GET', '/api/calls/stats', { key, query: { organizationId, ...query } });

  it('counts each call on its local date, exactly across daylight-saving changes', async () => {
    const chicago = await newOrganization(t, key, { timezone: 'America/Chicago' });
    const calls: Seed[] = [
      { start: '2025-03-09T05:59:59Z', duration: 10 }, // 23:59:59 CST on the 8th
      { start: '2025-03-09T06:00:00Z', duration: 20 }, // 00:00 CST on the 9th, the 23-hour day
      { start: '2025-03-10T04:59:59Z', duration: 30, callType: 'Outbound' }, // 23:59:59 CDT, still the 9th
      { start: '2025-03-10T05:00:00Z', duration: 40 }, // midnight CDT: the 10th
      { start: '2025-11-02T05:00:00Z', duration: 50, callType: 'Web' }, // 00:00 CDT on the 2nd, the 25-hour day
      { start: '2025-11-03T05:59:59Z', duration: 60 }, // 23:59:59 CST, still the 2nd
      { start: '2025-11-03T06:00:00Z', duration: 70 }, // the 3rd
    ];
    await seed(t, key, chicago.id, calls);
    const response = await stats(chicago.id);
    expect(response.status, response.text).toBe(200);
    expect(response.body.timezone).toBe('America/Chicago');
    expect(response.body.days).toEqual([
      { date: '2025-03-08', calls: 1, byType: { Inbound: 1, Outbound: 0, Web: 0 } },
      { date: '2025-03-09', calls: 2, byType: { Inbound: 1, Outbound: 1, Web: 0 } },
      { date: '2025-03-10', calls: 1, byType: { Inbound: 1, Outbound: 0, Web: 0 } },
      { date: '2025-11-02', calls: 2, byType: { Inbound: 1, Outbound: 0, Web: 1 } },
      { date: '2025-11-03', calls: 1, byType: { Inbound: 1, Outbound: 0, Web: 0 } },
    ]);
  });

  it('finds half-hour changes to the minute, as in St. John\'s', async () => {
    const stJohns = await newOrganization(t, key, { timezone: 'America/St_Johns' });
    // Daylight time starts at 02:00 NST = 05:30Z on 2025-03-09; midnight NDT on the 10th is 02:30Z.
    const calls: Seed[] = [
      { start: '2025-03-09T03:29:59Z', duration: 1 }, // 23:59:59 NST on the 8th
      { start: '2025-03-09T03:30:00Z', duration: 1 }, // 00:00 NST on the 9th
      { start: '2025-03-10T02:29:59Z', duration: 1 }, // 23:59:59 NDT on the 9th
      { start: '2025-03-10T02:30:00Z', duration: 1 }, // 00:00 NDT on the 10th
    ];
    await seed(t, key, stJohns.id, calls);
    const response = await stats(stJohns.id, { from: '2025-03-01T00:00:00Z', to: '2025-03-31T00:00:00Z' });
    expect(response.body.days.map((day: { date: string; calls: number }) => [day.date, day.calls])).toEqual([
      ['2025-03-08', 1],
      ['2025-03-09', 2],
      ['2025-03-10', 1],
    ]);
  });

  it('agrees with a reference on random calls in every supported time zone', async () => {
    const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z') / 1000, max: Date.parse('2026-01-01T00:00:00Z') / 1000 });
    const row = fc.record({
      start: instant.map((seconds) => new Date(seconds * 1000).toISOString().replace('.000', '')),
      duration: fc.integer({ min: 0, max: 4000 }),
      callType: fc.constantFrom('Inbound', 'Outbound', 'Web') as fc.Arbitrary<'Inbound' | 'Outbound' | 'Web'>,
      agentId: fc.constantFrom('a', 'b', 'c'),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...timezones), fc.array(row, { minLength: 1, maxLength: 25 }), async (timezone, calls) => {
        const organization = await newOrganization(t, key, { timezone });
        await seed(t, key, organization.id, calls);
        const response = await stats(organization.id);
        expect(response.status, response.text).toBe(200);
        const body = response.body;
        const durations = calls.map((c) => c.duration);
        const total = durations.reduce((sum, d) => sum + d, 0);
        expect(body.calls).toBe(calls.length);
        expect(body.days).toEqual(referenceDays(calls, timezone));
        expect(body.duration).toEqual({
          totalSeconds: total,
          averageSeconds: Math.round((total / calls.length) * 10) / 10,
          p90Seconds: referenceP90(durations),
        });
        for (const agent of body.agents) {
          const own = calls.filter((c) => c.agentId === agent.agentId).map((c) => c.duration);
          expect(agent.calls).toBe(own.length);
          expect(agent.duration.p90Seconds).toBe(referenceP90(own));
          expect(agent.agentName).toBe(`Agent ${agent.agentId}`);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('shares calls by intent and sentiment, folding case, ten values named and the rest summed', async () => {
    const organization = await newOrganization(t, key);
    const calls: Seed[] = [
      { start: '2025-05-01T15:00:00Z', duration: 60, intent: 'Book appointment', sentiment: 'positive' },
      { start: '2025-05-01T16:00:00Z', duration: 60, intent: 'book appointment', sentiment: 'Positive' },
      { start: '2025-05-01T17:00:00Z', duration: 60, intent: 'Book appointment', sentiment: 'negative' },
      { start: '2025-05-02T15:00:00Z', duration: 60 },
      ...Array.from({ length: 11 }, (_, index) => ({ start: '2025-05-03T15:00:00Z', duration: 60, intent: `Intent ${String(index).padStart(2, '0')}` })),
    ];
    await seed(t, key, organization.id, calls);
    const body = (await stats(organization.id)).body;
    expect(body.calls).toBe(15);
    expect(body.intents.top.slice(0, 2)).toEqual([
      { value: 'Book appointment', calls: 3, share: 0.2 },
      { value: 'Intent 00', calls: 1, share: 0.0667 },
    ]);
    expect(body.intents.top).toHaveLength(10);
    expect(body.intents.top.at(-1).value).toBe('Intent 08');
    expect(body.intents.others).toEqual({ values: 3, calls: 3, share: 0.2 });
    expect(body.intents.others.values).toBe(3); // Intent 09, Intent 10 and the calls without an intent
    expect(body.sentiments).toEqual({
      top: [
        { value: null, calls: 12, share: 0.8 },
        { value: 'Positive', calls: 2, share: 0.1333 },
        { value: 'negative', calls: 1, share: 0.0667 },
      ],
      others: { values: 0, calls: 0, share: 0 },
    });
  });

  it('applies the filters of List Calls, and answers an empty set with zeros and nulls', async () => {
    const organization = await newOrganization(t, key, { timezone: 'Europe/London' });
    await seed(t, key, organization.id, [
      { start: '2025-06-01T10:00:00Z', duration: 100, callType: 'Outbound', agentId: 'billing', intent: 'Billing' },
      { start: '2025-06-02T10:00:00Z', duration: 200, agentId: 'smith', intent: 'Refill' },
      { start: '2025-06-03T10:00:00Z', duration: 300, agentId: 'smith', intent: 'refill' },
    ]);
    const filtered = await stats(organization.id, { callType: 'Inbound', userPrimaryIntent: 'REFILL', from: '2025-06-03T00:00:00+01:00' });
    expect(filtered.body).toMatchObject({ calls: 1, from: '2025-06-02T23:00:00Z', to: null, days: [{ date: '2025-06-03', calls: 1 }] });
    expect((await stats(organization.id, { agentName: 'BILL' })).body.agents).toEqual([
      { agentId: 'billing', agentName: 'Agent billing', calls: 1, duration: { totalSeconds: 100, averageSeconds: 100, p90Seconds: 100 } },
    ]);
    for (const query of [{ agentName: 'nobody' }, { from: '2026-01-01T00:00:00Z' }]) {
      expect((await stats(organization.id, query)).body).toEqual({
        organizationId: organization.id,
        timezone: 'Europe/London',
        from: query.from ?? null,
        to: null,
        calls: 0,
        duration: { totalSeconds: 0, averageSeconds: null, p90Seconds: null },
        days: [],
        intents: { top: [], others: { values: 0, calls: 0, share: 0 } },
        sentiments: { top: [], others: { values: 0, calls: 0, share: 0 } },
        agents: [],
      });
    }
  });

  it('counts only the calls a search for words finds, as List Calls does', async () => {
    const organization = await newOrganization(t, key, { timezone: 'Europe/London' });
    const summaries = ['Booked a cleaning for Tuesday', 'Refill of a prescription', 'Cleaning cancelled, no Tuesday slot'];
    for (const [index, callSummary] of summaries.entries()) {
      const start = `2025-06-0${index + 1}T10:00:00Z`;
      await newCall(t, key, organization.id, { externalId: `q-${index}`, callStartedAt: start, callEndedAt: start, callSummary });
    }
    const listed = await call(t.app, 'GET', '/api/calls', { key, query: { organizationId: organization.id, q: 'CLEAN tues' } });
    expect(listed.body.pagination.total).toBe(2);
    const searched = await stats(organization.id, { q: 'CLEAN tues' });
    expect(searched.status).toBe(200);
    expect(searched.body).toMatchObject({ calls: 2, days: [{ date: '2025-06-01', calls: 1 }, { date: '2025-06-03', calls: 1 }] });
    expect((await stats(organization.id, { q: '?!' })).body.calls).toBe(0);
  });

  it('refuses bad filters as List Calls does', async () => {
    const organization = await newOrganization(t, key);
    const badType = await stats(organization.id, { callType: 'fax' });
    expect(badType.status).toBe(400);
    expect(badType.body.details[0]).toMatchObject({ field: 'callType', code: 'invalid_enum_value' });
    const reversed = await stats(organization.id, { from: '2025-06-02T00:00:00Z', to: '2025-06-01T00:00:00Z' });
    expect(reversed.body.details).toEqual([{ field: 'from', message: "The 'from' date must be before or equal to the 'to' date", code: 'custom' }]);
    expect((await call(t.app, 'GET', '/api/calls/stats', { key })).status).toBe(400);
  });
});
