import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newOrganizationKey, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('organization API keys on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it('shows the key once at creation and stores only its SHA-256', async () => {
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Zapier');
    expect(Object.keys(created)).toEqual(['id', 'name', 'organizationId', 'key', 'createdAt']);
    expect(created.key).toMatch(/^cbo_[A-Za-z0-9]{40}$/);
    const row = await t.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await call(t.app, 'GET', '/api/api-keys', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id } });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(created.key);
    expect(listed.text).not.toContain(row.key_hash);
    expect(listed.body.apiKeys[0]).toEqual({
      id: created.id,
      name: 'Zapier',
      organizationId: world.orgA1.id,
      keyHint: `cbo_…${created.key.slice(-4)}`,
      createdAt: '2026-01-15T12:00:00Z',
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('lets an organization key make and list keys for its own organization', async () => {
    const response = await call(t.app, 'POST', '/api/api-keys', { key: world.orgA1Key, body: { organizationId: world.orgA1.id, name: 'Self-made' } });
    expect(response.status).toBe(201);
    const listed = await call(t.app, 'GET', '/api/api-keys', { key: world.orgA1Key, query: { organizationId: world.orgA1.id } });
    expect(listed.body.apiKeys.map((k: { name: string }) => k.name).sort()).toEqual(['Front desk', 'Self-made']);
  });

  it('refuses a sixth active key, and allows one again after a revocation', async () => {
    const keys = [];
    for (let i = 2; i <= 5; i += 1) keys.push(await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, `Key ${i}`));
    const sixth = await call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId: world.orgA1.id, name: 'Sixth' } });
    expect(sixth.status).toBe(400);
    expect(sixth.body).toEqual({
      error: 'Invalid request data',
      details: [{ field: 'organizationId', message: 'An organization may have at most 5 active API keys; revoke one first', code: 'too_big' }],
    });
    await call(t.app, 'DELETE', `/api/api-keys/${keys[0]!.id}`, { key: world.tenantA.apiKey });
    expect((await call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId: world.orgA1.id, name: 'Sixth' } })).status).toBe(201);
  });

  it('never exceeds five active keys under concurrent creation', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId: world.orgA2.id, name: `Burst ${i}` } })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(4);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(4);
  });

  it('revokes a key so that the very next request is refused', async () => {
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Temporary');
    const list = () => call(t.app, 'GET', '/api/calls', { key: created.key, query: { organizationId: world.orgA1.id } });
    expect((await list()).status).toBe(200);
    const revoked = await call(t.app, 'DELETE', `/api/api-keys/${created.id}`, { key: world.tenantA.apiKey });
    expect(revoked.body).toEqual({ message: 'API key successfully revoked', id: created.id });
    expect((await list()).status).toBe(401);
    const listed = await call(t.app, 'GET', '/api/api-keys', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id } });
    expect(listed.body.apiKeys.find((k: { id: string }) => k.id === created.id).revokedAt).toBe('2026-01-15T12:00:00Z');
  });

  it('records last use at most every five minutes', async () => {
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Watched');
    const use = () => call(t.app, 'GET', '/api/calls', { key: created.key, query: { organizationId: world.orgA1.id } });
    const lastUsed = async () =>
      (await t.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow()).last_used_at;
    await use();
    const first = await lastUsed();
    expect(first).toBe(t.clock.now());
    t.clock.advance(4 * 60_000);
    await use();
    expect(await lastUsed()).toBe(first);
    t.clock.advance(60_001);
    await use();
    expect(await lastUsed()).toBe(t.clock.now());
  });

  it.each([
    ['a malformed id', 'nope'],
    ['an unknown id', '01936f5e-0000-7000-8000-000000000000'],
  ])('answers 404 for %s', async (_name, id) => {
    const response = await call(t.app, 'DELETE', `/api/api-keys/${id}`, { key: world.tenantA.apiKey });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'API key not found' });
  });

  it('does not let the API revoke tenant keys', async () => {
    const tenantKey = await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', world.tenantA.tenantId).where('organization_id', 'is', null).executeTakeFirstOrThrow();
    const response = await call(t.app, 'DELETE', `/api/api-keys/${tenantKey.id}`, { key: world.tenantA.apiKey });
    expect(response.status).toBe(404);
  });

  it('validates the name', async () => {
    const response = await call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId: world.orgA1.id, name: '' } });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'name', message: 'String must contain at least 1 character(s)', code: 'too_small' }]);
  });
});
