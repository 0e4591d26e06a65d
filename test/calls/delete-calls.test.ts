import { beforeEach, describe, expect, it } from 'vitest';
import { importCalls, type ImportRecord } from '../../src/calls/call-import.js';
import { deleteCalls } from '../../src/calls/call-writes.js';
import { backends } from '../support/backends.js';
import { expectCountersExact, storedModelCalls } from '../support/call-counters.js';
import { callBody, newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('deleteCalls on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it('deletes the calls with their transcripts, keeps the counters exact, and reports what it deleted', async () => {
    const turns = [{ role: 'agent', text: 'Hello' }];
    const kept = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { transcript: turns });
    const doomed = await newCall(t, world.tenantA.apiKey, world.orgA1.id, { transcript: turns, callStartedAt: '2025-06-01T10:00:00Z', callEndedAt: '2025-06-01T10:01:00Z' });
    const sibling = await newCall(t, world.tenantA.apiKey, world.orgA2.id);

    const deleted = await t.db.transaction().execute((trx) => deleteCalls(trx, world.orgA1.id, [doomed.id, doomed.id, sibling.id]));

    expect(deleted).toEqual({ ids: [doomed.id], recordings: [] });
    expect((await call(t.app, 'GET', `/api/calls/${doomed.id}`, { key: world.tenantA.apiKey })).status).toBe(404);
    const transcripts = await t.db.selectFrom('call_transcripts').select('call_id').where('organization_id', '=', world.orgA1.id).execute();
    expect(transcripts.map((row) => row.call_id)).toEqual([kept.id]);
    const listed = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id } });
    expect(listed.body.pagination.total).toBe(1);
    for (const organizationId of [world.orgA1.id, world.orgA2.id]) await expectCountersExact(t.db, organizationId, await storedModelCalls(t.db, organizationId));
  });

  it('never splits a counter bucket: a deletion only shrinks it, whatever threshold the inserts used', async () => {
    // More calls in one month than the default split threshold, stored under a higher one: unsplit.
    const splitAbove = 5000;
    async function* sameMonth(): AsyncGenerator<ImportRecord> {
      for (let line = 1; line <= 1100; line += 1) {
        const started = Date.UTC(2025, 4, 1) + line * 60_000;
        const value = callBody({ externalId: `may-${line}`, callStartedAt: new Date(started).toISOString(), callEndedAt: new Date(started + 30_000).toISOString() });
        yield { line, value };
      }
    }
    const outcome = await importCalls(t.db, t.clock, world.orgA1.id, sameMonth(), undefined, splitAbove);
    expect(outcome.imported).toBe(1100);
    const refinedHeads = () =>
      t.db.selectFrom('call_counts').select('bucket').where('organization_id', '=', world.orgA1.id).where('refined', '=', 1).execute();
    expect(await refinedHeads()).toEqual([]);

    const [first] = await t.db.selectFrom('calls').select('id').where('organization_id', '=', world.orgA1.id).limit(1).execute();
    await t.db.transaction().execute((trx) => deleteCalls(trx, world.orgA1.id, [first!.id]));

    expect(await refinedHeads()).toEqual([]);
    await expectCountersExact(t.db, world.orgA1.id, await storedModelCalls(t.db, world.orgA1.id));
  });

  it('refuses to run outside a transaction, so calls and counters cannot part', async () => {
    const stored = await newCall(t, world.tenantA.apiKey, world.orgA1.id);
    await expect(deleteCalls(t.db, world.orgA1.id, [stored.id])).rejects.toThrow('deleteCalls must run inside a transaction');
    expect((await call(t.app, 'GET', `/api/calls/${stored.id}`, { key: world.tenantA.apiKey })).status).toBe(200);
  });

  it('rolls back with its transaction, counters included', async () => {
    const stored = await newCall(t, world.tenantA.apiKey, world.orgA1.id);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await deleteCalls(trx, world.orgA1.id, [stored.id]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const listed = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id } });
    expect(listed.body.calls.map((c: { id: string }) => c.id)).toEqual([stored.id]);
    await expectCountersExact(t.db, world.orgA1.id, await storedModelCalls(t.db, world.orgA1.id));
  });
});
