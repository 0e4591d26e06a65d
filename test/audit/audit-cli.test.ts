import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database.js';
import { backends } from '../support/backends.js';
import { runCli } from '../support/cli-runner.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const organizationFlags = ['--name', 'Smith Dental', '--email', 'desk@smith.example', '--address', '1 Main St', '--city', 'Austin',
  '--state-province', 'TX', '--postal-code', '78701', '--country', 'US', '--phone-number', '+15559876543', '--timezone', 'America/Chicago'];

describe.each(backends)("the operator's CLI changes, audited on %s", (backend) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    env = { DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : database.config.path, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await db?.destroy();
    await database.drop();
  });

  it('records tenant, key, organization and schema changes as made by the operator', async () => {
    const cli = async (...argv: string[]) => {
      const result = await runCli([...argv, '--json'], env);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return result.json;
    };
    const { tenantId } = await cli('tenant', 'create', '--name', 'Audited');
    const tenantKey = await cli('tenant', 'key', 'create', '--tenant', tenantId, '--name', 'Rotation');
    await cli('tenant', 'key', 'revoke', tenantKey.id, '--tenant', tenantId);
    const organization = await cli('org', 'create', '--tenant', tenantId, ...organizationFlags);
    const orgKey = await cli('key', 'create', '--org', organization.id, '--name', 'Desk');
    await cli('key', 'revoke', orgKey.id, '--org', organization.id);
    const schemaFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-schema-')), 'schema.json');
    await fs.writeFile(schemaFile, JSON.stringify({ type: 'object' }));
    await cli('tenant', 'metadata-schema', 'set', schemaFile, '--tenant', tenantId);
    await cli('tenant', 'metadata-schema', 'clear', '--tenant', tenantId);

    db = createDatabase(database.config);
    const events = await db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
    expect(events.map((event) => [event.action, event.target_id])).toEqual([
      ['tenant.created', tenantId],
      ['api_key.created', expect.any(String)],
      ['api_key.created', tenantKey.id],
      ['api_key.revoked', tenantKey.id],
      ['organization.created', organization.id],
      ['api_key.created', orgKey.id],
      ['api_key.revoked', orgKey.id],
      ['tenant.metadata_schema_changed', tenantId],
      ['tenant.metadata_schema_changed', tenantId],
    ]);
    expect(events.every((event) => event.actor_key_id === null)).toBe(true);
    expect(events.map((event) => event.details ?? '').join()).not.toContain(tenantKey.apiKey);
  });
});
