import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase, dialectOf, type Database } from '../../src/db/database.js';
import { CallbaseMigrations } from '../../src/db/migrations/index.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { backends } from '../support/backends.js';
import { call } from '../support/http.js';
import { testConfig } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Rows as the schema before search held them, written straight into its tables. */
async function storeOldCall(db: Database, organizationId: string, id: string, summary: string | null, transcript?: { format: string; content: string }) {
  await db.insertInto('calls').values({
    organization_id: organizationId, id, external_id: null, call_type: 'Inbound', agent_id: 'agent-1', phone_number: '+1555', started_at: Date.parse('2025-05-01T09:00:00Z'),
    ended_at: Date.parse('2025-05-01T09:01:00Z'), duration_seconds: 60, ended_reason: null, user_name: null, user_phone_number: null, user_primary_intent: null,
    intent_key: null, user_sentiment: null, summary, created_at: 0,
  } as never).execute();
  if (transcript !== undefined) await db.insertInto('call_transcripts').values({ organization_id: organizationId, call_id: id, ...transcript } as never).execute();
}

describe.each(backends)('upgrading a store of calls to full-text search, on %s', (backend) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('indexes the calls stored before search existed, so q finds them', async () => {
    database = await createTestDatabase(backend);
    const db = createDatabase(database.config);
    const dialect = dialectOf(db);
    await new Migrator({ db, provider: new CallbaseMigrations(dialect) }).migrateTo('0003-audit');
    const clock = new TestClock();
    const tenant = await createTenant(db, clock, 'Before search');
    const organizationId = '01936f5e-0000-7000-8000-0000000000a1';
    await db.insertInto('organizations').values({
      id: organizationId, tenant_id: tenant.tenantId, name: 'Old clinic', name_key: 'old clinic', email: 'o@clinic.example', address: null, city: null, state_province: null,
      postal_code: null, country: null, phone_number: null, timezone: 'America/Chicago', external_id: null, created_at: 0, created_by: null, updated_at: 0, deleted_at: null,
    } as never).execute();
    await db.insertInto('agents').values({ organization_id: organizationId, id: 'agent-1', name: 'Agent', created_at: 0 }).execute();
    const ids = Array.from({ length: 2005 }, (_, i) => `01936f5e-0000-7000-8000-${String(i).padStart(12, '0')}`);
    for (const [i, id] of ids.entries()) {
      await storeOldCall(db, organizationId, id, i % 2 === 0 ? `Summary of call number${i}` : null,
        i % 3 === 0 ? { format: 'turns', content: JSON.stringify([{ role: 'user', text: `Crown fitting ${i}` }]) } : undefined);
    }
    await db.destroy();

    const app = await buildApp(testConfig(database.config), { clock });
    try {
      const search = (q: string) => call(app, 'GET', '/api/calls', { key: tenant.apiKey, query: { organizationId, q } });
      expect((await search('summary')).body.pagination.total).toBe(1003);
      expect((await search('crown')).body.pagination.total).toBe(669);
      expect((await search('number2004')).body.calls.map((c: { id: string }) => c.id)).toEqual([ids[2004]]);
    } finally {
      await app.close();
    }
  });
});
