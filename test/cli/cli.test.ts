import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { DatabaseConfig } from '../../src/config.js';
import { backends } from '../support/backends.js';
import { commandPaths, runCli } from '../support/cli-runner.js';
import { call } from '../support/http.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const databaseUrl = (config: DatabaseConfig) => (config.kind === 'postgres' ? config.url : config.path);

const organizationFlags = [
  '--name', 'Smith Dental',
  '--email', 'desk@smith.example',
  '--address', '1 Main St',
  '--city', 'Austin',
  '--state-province', 'TX',
  '--postal-code', '78701',
  '--country', 'US',
  '--phone-number', '+15559876543',
  '--timezone', 'America/Chicago',
];

describe('CLI usage', () => {
  it.each(commandPaths().map((p) => [p.join(' '), p]))('callbase %s --help explains itself and exits 0', async (_name, commandPath) => {
    const result = await runCli([...(commandPath as string[]), '--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: callbase ${(commandPath as string[]).join(' ')}`);
  });

  it('refuses a missing required option with exit code 2, as one JSON object under --json', async () => {
    const result = await runCli(['tenant', 'create', '--json'], {});
    expect(result.code).toBe(2);
    expect(result.json).toEqual({ error: "required option '--name <name>' not specified" });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('explains bad input on stderr without --json', async () => {
    const result = await runCli(['tenant', 'create', '--name', '   '], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("option '--name <name>' argument '   ' is invalid. must not be empty.");
  });

  it('refuses an unknown command', async () => {
    const result = await runCli(['tenants', 'create'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'tenants'");
  });

  it('names a bad setting', async () => {
    const result = await runCli(['tenant', 'list', '--json'], { DATABASE_URL: 'mysql://localhost/db' });
    expect(result.code).toBe(2);
    expect(result.json.error).toContain('DATABASE_URL');
  });
});

describe.each(backends)('CLI against %s', (backend) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const cli = (...argv: string[]) => runCli(argv, env);

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    env = { DATABASE_URL: databaseUrl(database.config), LOG_LEVEL: 'silent' };
  });

  afterAll(async () => {
    await database.drop();
  });

  async function withServer<T>(run: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
    const app = await buildApp(testConfig(database.config));
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  }

  it('creates a tenant on a fresh database and prints exactly the contract object', async () => {
    const result = await cli('tenant', 'create', '--name', 'Acme Agency', '--json');
    expect(result.code).toBe(0);
    expect(Object.keys(result.json)).toEqual(['tenantId', 'apiKey']);
    expect(result.json.apiKey).toMatch(/^cbt_/);
    const listed = await cli('tenant', 'list', '--json');
    expect(listed.json.tenants.map((tenant: { id: string }) => tenant.id)).toContain(result.json.tenantId);
    await withServer(async (app) => {
      expect((await call(app, 'GET', '/api/organization', { key: result.json.apiKey })).status).toBe(200);
    });
  });

  it('prints a readable result without --json', async () => {
    const result = await cli('tenant', 'create', '--name', 'Readable');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Tenant created: [0-9a-f-]{36}\nTenant API key: cbt_\w+\n/);
  });

  it('rotates tenant keys: a new key works, a revoked one stops at once', async () => {
    const tenant = (await cli('tenant', 'create', '--name', 'Rotating', '--json')).json;
    const second = await cli('tenant', 'key', 'create', '--tenant', tenant.tenantId, '--name', 'Second', '--json');
    expect(second.code).toBe(0);
    const keys = (await cli('tenant', 'key', 'list', '--tenant', tenant.tenantId, '--json')).json.apiKeys;
    expect(keys).toHaveLength(2);
    expect(JSON.stringify(keys)).not.toContain(tenant.apiKey);
    const first = keys.find((key: { name: string }) => key.name === 'Initial key');
    expect((await cli('tenant', 'key', 'revoke', first.id, '--tenant', tenant.tenantId, '--json')).json).toEqual({ id: first.id, revoked: true });
    await withServer(async (app) => {
      expect((await call(app, 'GET', '/api/organization', { key: tenant.apiKey })).status).toBe(401);
      expect((await call(app, 'GET', '/api/organization', { key: second.json.apiKey })).status).toBe(200);
    });
    const unknown = await cli('tenant', 'key', 'revoke', '01936f5e-0000-7000-8000-000000000000', '--tenant', tenant.tenantId, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.json.error).toContain('has no key');
  });

  it('creates organizations and their keys, within the five-key limit', async () => {
    const tenant = (await cli('tenant', 'create', '--name', 'Operators', '--json')).json;
    const incomplete = await cli('org', 'create', '--tenant', tenant.tenantId, '--name', 'X', '--email', 'bad', '--json');
    expect(incomplete.code).toBe(2);
    expect(incomplete.json.error).toBe(
      'Invalid options: --email: Invalid email; --address: Required; --city: Required; --state-province: Required; --postal-code: Required; --country: Required; --phone-number: Required; --timezone: Required',
    );
    const organization = await cli('org', 'create', '--tenant', tenant.tenantId, ...organizationFlags, '--json');
    expect(organization.code).toBe(0);
    expect(organization.json).toMatchObject({ name: 'Smith Dental', tenantId: tenant.tenantId, createdBy: null });
    const listed = await cli('org', 'list', '--tenant', tenant.tenantId, '--search', 'smith', '--json');
    expect(listed.json.pagination.total).toBe(1);

    const orgId = organization.json.id;
    for (let i = 1; i <= 5; i += 1) expect((await cli('key', 'create', '--org', orgId, '--name', `Key ${i}`, '--json')).code).toBe(0);
    const sixth = await cli('key', 'create', '--org', orgId, '--name', 'Sixth', '--json');
    expect(sixth.code).toBe(1);
    expect(sixth.json.error).toBe('An organization may have at most 5 active API keys; revoke one first');
    const keys = (await cli('key', 'list', '--org', orgId, '--json')).json.apiKeys;
    expect(keys).toHaveLength(5);
    expect((await cli('key', 'revoke', keys[0].id, '--org', orgId, '--json')).code).toBe(0);
    expect((await cli('key', 'create', '--org', orgId, '--name', 'Replacement', '--json')).code).toBe(0);
  });

  it('registers a metadata schema from a file and refuses one that is not a schema', async () => {
    const tenant = (await cli('tenant', 'create', '--name', 'Schema owner', '--json')).json;
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-cli-'));
    try {
      const good = path.join(directory, 'schema.json');
      const bad = path.join(directory, 'bad.json');
      await fs.writeFile(good, JSON.stringify({ type: 'object', required: ['plan'] }));
      await fs.writeFile(bad, '{"type": "nonsense-type"}');
      const refused = await cli('tenant', 'metadata-schema', 'set', bad, '--tenant', tenant.tenantId, '--json');
      expect(refused.code).toBe(1);
      expect(refused.json.error).toContain('is not a usable JSON Schema');
      const missing = await cli('tenant', 'metadata-schema', 'set', path.join(directory, 'absent.json'), '--tenant', tenant.tenantId, '--json');
      expect(missing.json.error).toContain('ENOENT');
      expect((await cli('tenant', 'metadata-schema', 'set', good, '--tenant', tenant.tenantId, '--json')).code).toBe(0);
      const organization = (await cli('org', 'create', '--tenant', tenant.tenantId, ...organizationFlags, '--json')).json;
      await withServer(async (app) => {
        const response = await call(app, 'PUT', `/api/organization/${organization.id}/metadata`, { key: tenant.apiKey, body: { seats: 3 } });
        expect(response.status).toBe(400);
      });
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  it('says which tenant or organization it cannot find', async () => {
    const result = await cli('org', 'list', '--tenant', '01936f5e-0000-7000-8000-000000000000', '--json');
    expect(result.code).toBe(1);
    expect(result.json).toEqual({ error: 'No tenant has the id 01936f5e-0000-7000-8000-000000000000.' });
  });
});
