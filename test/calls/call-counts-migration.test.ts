import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, dialectOf, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CallbaseMigrations } from '../../src/db/migrations/index.js';
import { newId } from '../../src/shared/ids.js';
import { backends } from '../support/backends.js';
import { expectCountersExact, storedCounters, storedModelCalls } from '../support/call-counters.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const JANUARY = Date.parse('2025-01-01T00:00:00Z');

/** Calls as a release before the counters stored them: straight into the table. */
async function storeOldCalls(db: Database, organizationId: string, count: number, spread: number) {
  const agents = ['agent-a', 'agent-b', 'agent-c'];
  await db
    .insertInto('agents')
    .values(agents.map((id) => ({ organization_id: organizationId, id, name: `Agent ${id}`, created_at: JANUARY })))
    .execute();
  const rows = Array.from({ length: count }, (_, index) => {
    const started = JANUARY + ((index * 7919) % spread) * 1000;
    const intent = index % 5 === 0 ? null : ['Book', 'Billing', 'Refill'][index % 3]!;
    return {
      organization_id: organizationId,
      id: newId(),
      external_id: null,
      call_type: (['Inbound', 'Outbound', 'Web'] as const)[index % 3]!,
      agent_id: agents[index % agents.length]!,
      phone_number: null,
      started_at: started,
      ended_at: started + 60_000,
      duration_seconds: (index * 13) % 60,
      ended_reason: null,
      user_name: null,
      user_phone_number: null,
      user_primary_intent: intent,
      intent_key: intent?.toLowerCase() ?? null,
      user_sentiment: null,
      summary: null,
      created_at: JANUARY,
    };
  });
  for (let start = 0; start < rows.length; start += 500) await db.insertInto('calls').values(rows.slice(start, start + 500)).execute();
}

describe.each(backends)('the counters migration on %s', (backend) => {
  let database: TestDatabase | undefined;
  let db: Database | undefined;

  afterEach(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('counts the calls stored before it, splitting crowded buckets as writes would', async () => {
    database = await createTestDatabase(backend);
    db = createDatabase(database.config);
    const migrator = new Migrator({ db, provider: new CallbaseMigrations(dialectOf(db)) });
    const { error } = await migrator.migrateTo('0003-audit');
    expect(error).toBeUndefined();
    await db.insertInto('tenants').values({ id: newId(), name: 'Old tenant', metadata_schema: null, created_at: JANUARY }).execute();
    const tenant = await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    const organization = (name: string) => ({
      id: newId(),
      tenant_id: tenant.id,
      name,
      name_key: name.toLowerCase(),
      email: 'desk@clinic.example',
      address: null,
      city: null,
      state_province: null,
      postal_code: null,
      country: null,
      phone_number: null,
      timezone: 'America/Chicago',
      external_id: null,
      created_at: JANUARY,
      created_by: null,
      updated_at: JANUARY,
      deleted_at: null,
    });
    const busy = organization('Busy');
    const quiet = organization('Quiet');
    await db.insertInto('organizations').values([busy, quiet]).execute();
    // Over 1,024 calls in January: the month and the first span of durations are split.
    await storeOldCalls(db, busy.id, 1300, 31 * 86_400);
    await storeOldCalls(db, quiet.id, 40, 90 * 86_400);

    await migrateToLatest(db);

    for (const id of [busy.id, quiet.id]) await expectCountersExact(db, id, await storedModelCalls(db, id));
    expect((await storedCounters(db, busy.id)).split).toEqual(new Set([`1|${JANUARY}`, '3|0']));
    expect((await storedCounters(db, quiet.id)).split.size).toBe(0);
  });
});
