import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { backends } from '../support/backends.js';
import { newOrganizationKey, organizationBody, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('the audit log on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  const audit = (key: string, query: Record<string, string | number> = {}) => call(t.app, 'GET', '/api/audit', { key, query });
  const tenantKeyId = async (tenantId: string) =>
    (await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenantId).where('organization_id', 'is', null).executeTakeFirstOrThrow()).id;

  it('records who changed what, and when, for every organization and key change', async () => {
    const actorId = await tenantKeyId(world.tenantA.tenantId);
    const { orgA1 } = world;
    await call(t.app, 'PUT', `/api/organization/${orgA1.id}`, { key: world.tenantA.apiKey, body: { name: 'Renamed', email: 'r@clinic.example' } });
    await call(t.app, 'PUT', `/api/organization/${orgA1.id}/metadata`, { key: world.tenantA.apiKey, body: { plan: 'gold' } });
    const key = await newOrganizationKey(t, world.orgA1Key, orgA1.id, 'Made by the clinic');
    await call(t.app, 'DELETE', `/api/api-keys/${key.id}`, { key: world.tenantA.apiKey });
    await call(t.app, 'DELETE', `/api/organization/${world.orgA2.id}`, { key: world.tenantA.apiKey });

    const response = await audit(world.tenantA.apiKey, { limit: 100 });
    expect(response.status).toBe(200);
    const summary = response.body.events.map((event: any) => `${event.action} ${event.targetType}`).reverse();
    expect(summary).toEqual([
      'tenant.created tenant',
      'api_key.created api_key',
      'organization.created organization',
      'organization.created organization',
      'api_key.created api_key',
      'api_key.created api_key',
      'organization.updated organization',
      'organization.metadata_updated organization',
      'api_key.created api_key',
      'api_key.revoked api_key',
      'organization.deleted organization',
    ]);
    const [deleted, revoked, created] = response.body.events;
    expect(deleted).toMatchObject({
      organizationId: world.orgA2.id,
      actor: { type: 'api_key', keyId: actorId, keyName: 'Initial key' },
      targetId: world.orgA2.id,
      createdAt: '2026-01-15T12:00:00Z',
    });
    expect(revoked).toMatchObject({ targetId: key.id, details: { name: 'Made by the clinic', kind: 'organization' } });
    expect(created.actor.keyHint).toMatch(/^cbo_…/);
    expect(response.body.events.at(-1).actor).toEqual({ type: 'operator', keyId: null, keyName: null, keyHint: null });
    expect(response.text).not.toContain(key.key);
  });

  it("shows a tenant its own events only", async () => {
    const response = await audit(world.tenantB.apiKey, { limit: 100 });
    expect(response.body.events.map((event: any) => event.action)).toEqual(['organization.created', 'api_key.created', 'tenant.created']);
    expect(response.text).not.toContain(world.tenantA.tenantId);
    expect(response.text).not.toContain(world.orgA1.id);
  });

  it('pages and filters by organization, action, target and time', async () => {
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(60_000);
      await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}/metadata`, { key: world.tenantA.apiKey, body: { round: i } });
    }
    const page = await audit(world.tenantA.apiKey, { organizationId: world.orgA1.id, limit: 2, page: 2 });
    expect(page.body.pagination).toEqual({ page: 2, limit: 2, total: 5, totalPages: 3, hasNextPage: true, hasPreviousPage: true });
    const metadata = await audit(world.tenantA.apiKey, { action: 'organization.metadata_updated' });
    expect(metadata.body.events.map((event: any) => event.details.version)).toEqual([3, 2, 1]);
    const later = await audit(world.tenantA.apiKey, { from: '2026-01-15T12:02:00Z', to: '2026-01-15T12:03:00Z' });
    expect(later.body.events.map((event: any) => event.createdAt)).toEqual(['2026-01-15T12:03:00Z', '2026-01-15T12:02:00Z']);
    const byTarget = await audit(world.tenantA.apiKey, { targetId: world.orgA2.id });
    expect(byTarget.body.events.map((event: any) => event.action)).toEqual(['organization.created']);
  });

  it.each([
    [{ organizationId: 'not-an-id' }, 'organizationId', 'invalid_string'],
    [{ action: 'call.listened' }, 'action', 'invalid_enum_value'],
    [{ limit: 101 }, 'limit', 'too_big'],
    [{ from: 'yesterday' }, 'from', 'custom'],
  ])('refuses %o with a 400 naming the field', async (query, field, code) => {
    const response = await audit(world.tenantA.apiKey, query);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field, code })]);
  });

  it('writes an entry in the same transaction as its change: without the log, the change is refused and undone', async () => {
    await sql`alter table audit_events rename to audit_events_away`.execute(t.db);
    try {
      const response = await call(t.app, 'POST', '/api/organization', { key: world.tenantA.apiKey, body: organizationBody({ name: 'Unaudited' }) });
      expect(response.status).toBe(500);
      const revoke = await call(t.app, 'DELETE', `/api/organization/${world.orgA2.id}`, { key: world.tenantA.apiKey });
      expect(revoke.status).toBe(500);
    } finally {
      await sql`alter table audit_events_away rename to audit_events`.execute(t.db);
    }
    const names = await t.db.selectFrom('organizations').select(['name', 'deleted_at']).execute();
    expect(names.map((row) => row.name)).not.toContain('Unaudited');
    expect(names.every((row) => row.deleted_at === null)).toBe(true);
  });

  it('records nothing for a change that did not happen', async () => {
    const before = (await audit(world.tenantA.apiKey)).body.pagination.total;
    await call(t.app, 'DELETE', '/api/organization/01936f5e-0000-7000-8000-000000000000', { key: world.tenantA.apiKey });
    await call(t.app, 'PUT', `/api/organization/${world.orgA1.id}`, { key: world.tenantA.apiKey, body: { name: '' } });
    expect((await audit(world.tenantA.apiKey)).body.pagination.total).toBe(before);
  });
});
