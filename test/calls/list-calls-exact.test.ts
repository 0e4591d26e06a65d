import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCalls, type ImportRecord } from '../../src/calls/call-import.js';
import { deleteCalls } from '../../src/calls/call-writes.js';
import { newId } from '../../src/shared/ids.js';
import { backends } from '../support/backends.js';
import { expectCountersExact } from '../support/call-counters.js';
import { expectedAnswer, type ModelCall, type ModelQuery } from '../support/calls-model.js';
import { newOrganization, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

/** Random histories per backend and split threshold; raise it for a longer hunt. */
const RUNS = Number(process.env.COUNT_RUNS ?? 15);

const WINDOW_START = Date.parse('2025-01-30T00:00:00Z') / 1000;
const WINDOW_END = Date.parse('2025-03-02T00:00:00Z') / 1000;
const EDGES = ['2025-01-31T23:59:59Z', '2025-02-01T00:00:00Z', '2025-02-01T00:00:00.999Z', '2025-02-28T23:59:59Z', '2025-03-01T00:00:00Z'];
const AGENTS = [
  { agentId: 'agent-a', agentName: 'Front Desk Assistant' },
  { agentId: 'agent-b', agentName: 'Billing Bot' },
  { agentId: undefined, agentName: 'Night Nurse' },
  { agentId: undefined, agentName: 'Front Desk Backup' },
];
const INTENTS = [undefined, 'Book appointment', 'book APPOINTMENT', 'Billing', '  Refill  '];

const instant = fc.oneof(
  fc.tuple(fc.integer({ min: WINDOW_START, max: WINDOW_END }), fc.constantFrom(0, 0, 0, 250, 999)).map(([s, ms]) => new Date(s * 1000 + ms).toISOString()),
  fc.constantFrom(...EDGES),
);

const newCallArb = fc.record({
  callType: fc.constantFrom('Inbound' as const, 'Outbound' as const, 'Web' as const),
  agent: fc.constantFrom(...AGENTS),
  intent: fc.constantFrom(...INTENTS),
  start: instant,
  duration: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 63, 64, 127, 128)),
});
type NewCall = typeof newCallArb extends fc.Arbitrary<infer T> ? T : never;

/** A filter left out two times in three, so many queries match enough calls to have deep pages. */
const sometimes = <T>(values: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: values });

const queryArb = fc.record({
  callType: sometimes(fc.constantFrom('Inbound', 'Outbound', 'Web')),
  agentName: sometimes(fc.constantFrom('desk', 'BOT', 'nurse', 'a', 'nobody')),
  userPrimaryIntent: sometimes(fc.constantFrom('book appointment', 'BILLING', 'refill', '  Refill  ', 'none')),
  range: sometimes(fc.tuple(instant, instant)),
  sort: fc.constantFrom('desc' as const, 'asc' as const, 'duration_desc' as const, 'duration_asc' as const),
  limit: fc.constantFrom(1, 2, 3, 5, 20),
  pageSeed: fc.nat(),
});

const org = fc.constantFrom(0, 0, 0, 1);
const operation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('post' as const), org, call: newCallArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('import' as const), org, calls: fc.array(newCallArb, { minLength: 1, maxLength: 30, size: 'max' }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repost' as const), org, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), org, picks: fc.array(fc.nat(), { maxLength: 6 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('query' as const), org, query: queryArb }) },
);

let externalIds = 0;

function bodyOf(organizationId: string, c: NewCall) {
  const start = Date.parse(c.start);
  return {
    organizationId,
    externalId: `x-${(externalIds += 1)}`,
    callType: c.callType,
    ...(c.agent.agentId === undefined ? {} : { agentId: c.agent.agentId }),
    agentName: c.agent.agentName,
    phoneNumber: c.callType === 'Web' ? undefined : '+15559876543',
    callStartedAt: c.start,
    callEndedAt: new Date(start + c.duration * 1000).toISOString(),
    callDurationSeconds: c.duration,
    ...(c.intent === undefined ? {} : { userPrimaryIntent: c.intent }),
  };
}

function modelOf(stored: { id: string; agentId: string }, c: NewCall): ModelCall {
  return {
    id: stored.id,
    callType: c.callType,
    agentId: stored.agentId,
    agentName: c.agent.agentName,
    intent: c.intent === undefined ? null : c.intent.trim(),
    startedAt: Math.floor(Date.parse(c.start) / 1000) * 1000,
    duration: c.duration,
  };
}

async function* records(bodies: object[]): AsyncGenerator<ImportRecord> {
  for (const [index, value] of bodies.entries()) yield { line: index + 1, value };
}

function queryOf(q: typeof queryArb extends fc.Arbitrary<infer T> ? T : never, calls: ModelCall[]): ModelQuery {
  const [a, b] = q.range ?? [];
  const ordered = a !== undefined && b !== undefined && Date.parse(a) > Date.parse(b) ? [b, a] : [a, b];
  const base = { callType: q.callType, agentName: q.agentName, userPrimaryIntent: q.userPrimaryIntent, from: ordered[0], to: ordered[1], sort: q.sort, limit: q.limit, page: 1 };
  const pages = Math.ceil(expectedAnswer(calls, base).pagination.total / q.limit);
  return { ...base, page: 1 + (q.pageSeed % (pages + 1)) };
}

describe.each(backends.flatMap((backend) => [2, 1024].map((splitAbove) => [backend, splitAbove] as const)))(
  'List Calls totals and pages stay exact on %s, splitting buckets above %i calls',
  (backend, splitAbove) => {
    const t = useTestApp(backend, { countSplitAbove: splitAbove });

    it('for random histories of posts, imports, duplicates, deletions and queries', { timeout: 180_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 60, size: 'max' }), async (operations) => {
          const tenant = await newTenant(t);
          const orgs = [await newOrganization(t, tenant.apiKey), await newOrganization(t, tenant.apiKey)];
          const models: ModelCall[][] = [[], []];
          const externalOf = new Map<string, object>();
          for (const op of operations) {
            const organizationId = orgs[op.org]!.id;
            const model = models[op.org]!;
            if (op.kind === 'post') {
              const body = bodyOf(organizationId, op.call);
              const response = await call(t.app, 'POST', '/api/calls', { key: tenant.apiKey, body });
              expect(response.status, response.text).toBe(201);
              model.push(modelOf(response.body, op.call));
              externalOf.set(response.body.id, body);
            } else if (op.kind === 'import') {
              const bodies = op.calls.map((c) => bodyOf(organizationId, c));
              const outcome = await importCalls(t.db, t.clock, organizationId, records(bodies), undefined, splitAbove);
              expect(outcome).toEqual({ imported: bodies.length, duplicates: 0, rejected: [] });
              const stored = await t.db
                .selectFrom('calls')
                .select(['id', 'external_id', 'agent_id'])
                .where('organization_id', '=', organizationId)
                .where('external_id', 'in', bodies.map((b) => b.externalId))
                .execute();
              const byExternal = new Map(stored.map((row) => [row.external_id, row]));
              bodies.forEach((body, index) => {
                const row = byExternal.get(body.externalId)!;
                model.push(modelOf({ id: row.id, agentId: row.agent_id }, op.calls[index]!));
                externalOf.set(row.id, body);
              });
            } else if (op.kind === 'repost' && model.length > 0) {
              const target = model[op.pick % model.length]!;
              const response = await call(t.app, 'POST', '/api/calls', { key: tenant.apiKey, body: externalOf.get(target.id) });
              expect(response.status).toBe(200);
              expect(response.body.id).toBe(target.id);
            } else if (op.kind === 'delete') {
              const chosen = [...new Set(op.picks.filter(() => model.length > 0).map((pick) => model[pick % model.length]!.id))];
              const foreign = models[1 - op.org]![0]?.id;
              const asked = [...chosen, newId(), 'not-a-uuid', ...(foreign === undefined ? [] : [foreign])];
              const deleted = await t.db.transaction().execute((trx) => deleteCalls(trx, organizationId, asked));
              expect(deleted.ids).toEqual([...chosen].sort());
              models[op.org] = model.filter((c) => !chosen.includes(c.id));
            } else if (op.kind === 'query') {
              const query = queryOf(op.query, model);
              const { page, limit, sort, ...filters } = query;
              const response = await call(t.app, 'GET', '/api/calls', { key: tenant.apiKey, query: { organizationId, page, limit, sort, ...filters } });
              expect(response.status, response.text).toBe(200);
              const expected = expectedAnswer(model, query);
              expect({ pagination: response.body.pagination, ids: response.body.calls.map((c: { id: string }) => c.id) }, JSON.stringify(query)).toEqual(expected);
            }
          }
          for (const [index, organization] of orgs.entries()) await expectCountersExact(t.db, organization.id, models[index]!);
        }),
        { numRuns: RUNS },
      );
    });

    it('while posts, deletions and queries run at the same time', async () => {
      const tenant = await newTenant(t);
      const { id: organizationId } = await newOrganization(t, tenant.apiKey);
      const calls = fc.sample(newCallArb, { numRuns: 60, seed: 7 });
      const posted: ModelCall[] = [];
      const post = async (c: NewCall) => {
        const response = await call(t.app, 'POST', '/api/calls', { key: tenant.apiKey, body: bodyOf(organizationId, c) });
        expect(response.status, response.text).toBe(201);
        posted.push(modelOf(response.body, c));
      };
      await Promise.all(calls.slice(0, 20).map(post));
      const doomed = posted.slice(0, 12).map((c) => c.id);
      const deletions = [doomed.slice(0, 8), doomed.slice(4, 12), [...doomed].reverse()].map((ids) =>
        t.db.transaction().execute(async (trx) => (await deleteCalls(trx, organizationId, ids)).ids),
      );
      const reads = Array.from({ length: 20 }, async (_, index) => {
        const limit = 1 + (index % 7);
        const page = 1 + (index % 5);
        const response = await call(t.app, 'GET', '/api/calls', { key: tenant.apiKey, query: { organizationId, limit, page, sort: index % 2 === 0 ? 'desc' : 'duration_asc' } });
        expect(response.status).toBe(200);
        const { total } = response.body.pagination;
        // One snapshot: the page holds exactly what its total says it should.
        expect(response.body.calls).toHaveLength(Math.max(0, Math.min(limit, total - (page - 1) * limit)));
      });
      const removed = await Promise.all([...deletions, ...calls.slice(20).map(post), ...reads]);
      const deletedIds = new Set(removed.slice(0, 3).flat() as string[]);
      expect(deletedIds).toEqual(new Set(doomed));
      const remaining = posted.filter((c) => !deletedIds.has(c.id));
      const query: ModelQuery = { sort: 'desc', page: 1, limit: 20 };
      const response = await call(t.app, 'GET', '/api/calls', { key: tenant.apiKey, query: { organizationId, limit: 20 } });
      expect(response.body.pagination).toEqual(expectedAnswer(remaining, query).pagination);
      await expectCountersExact(t.db, organizationId, remaining);
    });
  },
);
