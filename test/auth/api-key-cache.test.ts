import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newOrganizationKey, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const CACHE_SECONDS = 10;

describe.each(backends)('the verified-key cache on %s', (backend) => {
  const t = useTestApp(backend, { apiKeyCacheSeconds: CACHE_SECONDS });
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  const listWith = (key: string) => call(t.app, 'GET', '/api/calls', { key, query: { organizationId: world.orgA1.id } });

  /** A revocation this instance did not make, as another instance or the CLI would make it. */
  const revokeBehindTheCache = (keyId: string) => t.db.updateTable('api_keys').set({ revoked_at: t.clock.now() }).where('id', '=', keyId).execute();

  it('trusts a verified key for its lifetime, then asks the database again', async () => {
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Cached');
    expect((await listWith(created.key)).status).toBe(200);
    await revokeBehindTheCache(created.id);

    t.clock.advance(CACHE_SECONDS * 1000);
    expect((await listWith(created.key)).status).toBe(200);
    t.clock.advance(1);
    expect((await listWith(created.key)).status).toBe(401);
  });

  it('forgets a key revoked through the API at once', async () => {
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Revoked soon');
    expect((await listWith(created.key)).status).toBe(200);
    await call(t.app, 'DELETE', `/api/api-keys/${created.id}`, { key: world.tenantA.apiKey });
    expect((await listWith(created.key)).status).toBe(401);
  });

  it("forgets every key of an organization deleted through the API at once", async () => {
    expect((await listWith(world.orgA1Key)).status).toBe(200);
    await call(t.app, 'DELETE', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey });
    const response = await call(t.app, 'GET', '/api/api-keys', { key: world.orgA1Key, query: { organizationId: world.orgA1.id } });
    expect(response.status).toBe(401);
  });

  it('leaves other keys cached when one is revoked', async () => {
    const kept = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Kept');
    const dropped = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Dropped');
    expect((await listWith(kept.key)).status).toBe(200);
    await revokeBehindTheCache(kept.id);
    await call(t.app, 'DELETE', `/api/api-keys/${dropped.id}`, { key: world.tenantA.apiKey });
    expect((await listWith(kept.key)).status).toBe(200);
  });
});

describe('the cache turned off', () => {
  const t = useTestApp('sqlite', { apiKeyCacheSeconds: 0 });

  it('asks the database on every request', async () => {
    const world = await twoTenants(t);
    const created = await newOrganizationKey(t, world.tenantA.apiKey, world.orgA1.id, 'Uncached');
    const list = () => call(t.app, 'GET', '/api/calls', { key: created.key, query: { organizationId: world.orgA1.id } });
    expect((await list()).status).toBe(200);
    await t.db.updateTable('api_keys').set({ revoked_at: t.clock.now() }).where('id', '=', created.id).execute();
    expect((await list()).status).toBe(401);
  });
});
