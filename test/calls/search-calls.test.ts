import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { searchWords } from '../../src/calls/search-words.js';
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
  intent: string;
  text: string;
}

const AGENTS = ['Dr. Smith Assistant', 'Billing Bot', 'Night Nurse'];
const TYPES = ['Inbound', 'Outbound', 'Web'];
const INTENTS = ['Book appointment', 'Refill', 'Billing question'];
const PHRASES = [
  'I would like to book a cleaning for Tuesday.',
  'My prescription refill ran out; can the pharmacy call me?',
  'Question about the invoice from École Dentaire, billing code 555-1234.',
  'Cancel my cleaning, please. "Tuesday" no longer works!',
  'Refill request — AND also a cleaning (maybe) on Friday*',
];

/** What a call's searchable words are, as the service defines them: summary and transcript turns. */
const wordsOf = (calls: Seeded[], id: string) => searchWords(calls.find((c) => c.id === id)!.text);
const matches = (calls: Seeded[], id: string, q: string) => {
  const words = wordsOf(calls, id);
  const wanted = searchWords(q);
  return wanted.length > 0 && wanted.every((w) => words.some((word) => word.startsWith(w)));
};

describe.each(backends)('GET /api/calls?q= on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  let seeded: Seeded[];

  const list = (query: Record<string, string | number | undefined>, key = world.tenantA.apiKey) =>
    call(t.app, 'GET', '/api/calls', { key, query: { organizationId: world.orgA1.id, ...query } });

  beforeEach(async () => {
    world = await twoTenants(t);
    seeded = [];
    for (let i = 0; i < 15; i += 1) {
      const start = new Date(Date.UTC(2025, 4, 1 + (i % 7), 9, i)).toISOString().replace('.000', '');
      const duration = 30 + ((i * 37) % 200);
      const summary = PHRASES[i % PHRASES.length]!;
      const turns = [
        { role: 'agent', text: `Smith Dental, this is call ${i}.` },
        { role: 'user', text: PHRASES[(i + 2) % PHRASES.length]! },
      ];
      const row = { callType: TYPES[i % 3]!, agentName: AGENTS[i % 3]!, intent: INTENTS[(i + 1) % 3]!, start, duration };
      const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id, {
        callType: row.callType,
        agentId: `agent-${i % 3}`,
        agentName: row.agentName,
        callStartedAt: start,
        callEndedAt: new Date(Date.parse(start) + duration * 1000).toISOString(),
        userPrimaryIntent: row.intent,
        callSummary: summary,
        transcript: i % 4 === 0 ? turns.map((turn) => turn.text).join('\n') : turns,
        phoneNumber: row.callType === 'Web' ? undefined : '+15559876543',
      });
      seeded.push({ id: created.id, ...row, text: `${summary} ${turns.map((turn) => turn.text).join(' ')}` });
    }
    // The same words elsewhere must never be found from orgA1.
    await newCall(t, world.tenantA.apiKey, world.orgA2.id, { callSummary: PHRASES.join(' ') });
    await newCall(t, world.tenantB.apiKey, world.orgB1.id, { callSummary: PHRASES.join(' ') });
  });

  it('finds calls by a word of their transcript or summary, by prefix, ignoring case and accents', async () => {
    for (const q of ['cleaning', 'clean', 'CLEAN', 'ecole', 'ÉCOLE dentaire', 'pharm', 'smith call 3', '555', '1234']) {
      const response = await list({ q, limit: 20 });
      expect(response.status).toBe(200);
      const expected = seeded.filter((c) => matches(seeded, c.id, q)).map((c) => c.id).sort();
      expect(expected.length, q).toBeGreaterThan(0);
      expect(response.body.calls.map((c: { id: string }) => c.id).sort(), q).toEqual(expected);
      expect(response.body.pagination.total).toBe(expected.length);
      for (const item of response.body.calls) expect(Object.keys(item)).toEqual(SEED_CALL_KEYS);
    }
  });

  it('requires every word: words are ANDed', async () => {
    const both = await list({ q: 'cleaning tuesday', limit: 20 });
    const expected = seeded.filter((c) => /cleaning/i.test(c.text) && /tuesday/i.test(c.text));
    expect(both.body.pagination.total).toBe(expected.length);
    expect((await list({ q: 'cleaning zebra' })).body.pagination.total).toBe(0);
  });

  it('combines with every filter and sort, and pages with exact totals', async () => {
    const filters: Array<[Record<string, string>, (c: Seeded) => boolean]> = [
      [{}, () => true],
      [{ callType: 'Inbound' }, (c) => c.callType === 'Inbound'],
      [{ agentName: 'billing' }, (c) => c.agentName === 'Billing Bot'],
      [{ from: '2025-05-03T00:00:00Z', to: '2025-05-05T23:59:59Z' }, (c) => c.start >= '2025-05-03' && c.start <= '2025-05-05T23:59:59Z'],
      [{ userPrimaryIntent: 'REFILL' }, (c) => c.intent === 'Refill'],
      [{ callType: 'Outbound', agentName: 'nurse' }, (c) => c.callType === 'Outbound' && c.agentName === 'Night Nurse'],
    ];
    const orders: Record<string, (a: Seeded, b: Seeded) => number> = {
      desc: (a, b) => b.start.localeCompare(a.start) || b.id.localeCompare(a.id),
      asc: (a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
      duration_desc: (a, b) => b.duration - a.duration || b.id.localeCompare(a.id),
      duration_asc: (a, b) => a.duration - b.duration || a.id.localeCompare(b.id),
    };
    for (const q of ['cleaning', 'refill', 'smith']) {
      for (const [query, keep] of filters) {
        for (const [sort, order] of Object.entries(orders)) {
          const expected = seeded.filter((c) => keep(c) && matches(seeded, c.id, q)).sort(order).map((c) => c.id);
          const pages: string[] = [];
          for (let page = 1; page <= Math.max(1, Math.ceil(expected.length / 4)); page += 1) {
            const response = await list({ q, ...query, sort, limit: 4, page });
            const context = `${q} ${JSON.stringify(query)} ${sort} page ${page}`;
            expect(response.status, context).toBe(200);
            expect(response.body.pagination, context).toMatchObject({ total: expected.length, totalPages: Math.ceil(expected.length / 4) });
            pages.push(...response.body.calls.map((c: { id: string }) => c.id));
          }
          expect(pages, `${q} ${JSON.stringify(query)} ${sort}`).toEqual(expected);
        }
      }
    }
  });

  it('answers a page past the end with no calls and the true totals', async () => {
    const response = await list({ q: 'cleaning', page: 50, limit: 20 });
    expect(response.body.calls).toEqual([]);
    expect(response.body.pagination.total).toBe(seeded.filter((c) => matches(seeded, c.id, 'cleaning')).length);
  });

  it('treats an empty q as absent, byte for byte', async () => {
    const without = await list({});
    const empty = await list({ q: '' });
    expect(empty.text).toBe(without.text);
  });

  it('matches nothing for a q without a letter or digit, and refuses one over 200 characters', async () => {
    for (const q of ['"', '***', '()', ' - ', '\'"\\']) {
      const response = await list({ q });
      expect(response.status, q).toBe(200);
      expect(response.body.pagination.total, q).toBe(0);
    }
    const long = await list({ q: 'a'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.details[0]).toMatchObject({ field: 'q', code: 'too_big' });
  });

  it.each([
    'cleaning"',
    '"cleaning',
    'clean*',
    'cleaning OR zebra',
    'NOT cleaning',
    'cleaning AND',
    'NEAR(cleaning tuesday)',
    'document:cleaning',
    '{document}: cleaning',
    'cleaning -tuesday',
    "' or 1=1 --",
    'cleaning & tuesday | !x',
    "cleaning:* & 'tuesday'",
    'clean\\ing',
    '%_%',
    '😀 cleaning 😀',
    '^cleaning',
    'cleaning <-> tuesday',
  ])('reads %j as plain words, never as query syntax', async (q) => {
    const response = await list({ q, limit: 20 });
    expect(response.status, response.text).toBe(200);
    const expected = seeded.filter((c) => matches(seeded, c.id, q)).map((c) => c.id).sort();
    expect(response.body.calls.map((c: { id: string }) => c.id).sort()).toEqual(expected);
  });

  it('answers any text with a 200 and the calls the words select', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...PHRASES)), async (q) => {
        const response = await list({ q, limit: 20 });
        if (q === '') return;
        if (q.includes('\u0000')) {
          expect(response.status, `${JSON.stringify(q)}: ${response.text}`).toBe(400);
          return;
        }
        expect(response.status, `${JSON.stringify(q)}: ${response.text}`).toBe(200);
        expect(response.body.pagination.total).toBe(seeded.filter((c) => matches(seeded, c.id, q)).length);
      }),
      { numRuns: 60 },
    );
  });

  it('never reaches another organization, with either key', async () => {
    for (const key of [world.tenantA.apiKey, world.orgA1Key]) {
      const response = await list({ q: 'cleaning', limit: 20 }, key);
      for (const item of response.body.calls) expect(item.organizationId).toBe(world.orgA1.id);
    }
    const other = await list({ q: 'cleaning' }, world.orgA2Key);
    expect(other.status).toBe(404);
  });
});
