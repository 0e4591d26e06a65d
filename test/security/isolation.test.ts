import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, newOrganization, newOrganizationKey, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { resetDatabase } from '../support/reset-database.js';
import { useTestApp, type TestApp } from '../support/test-app.js';
import { routeCatalogue, type RouteCase } from './route-catalogue.js';
import type { Target } from './security-world.js';

/** Worlds to build and check on each database; ISOLATION_RUNS raises it. */
const RUNS = Number(process.env.ISOLATION_RUNS ?? 6);

const shape = fc.array(
  fc.record({
    organizations: fc.array(
      fc.record({ keys: fc.nat(2), calls: fc.integer({ min: 1, max: 2 }), deleted: fc.boolean(), revokeFirstKey: fc.boolean() }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  { minLength: 1, maxLength: 3 },
);
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

interface OrganizationModel {
  id: string;
  tenantId: string;
  deleted: boolean;
  calls: string[];
  keys: Array<{ id: string; revoked: boolean }>;
}

interface KeyModel {
  plaintext: string;
  id: string;
  tenantId: string;
  /** Undefined for a tenant key. */
  organizationId: string | undefined;
  revoked: boolean;
}

/** Which kind of thing a route's target names, read from the 404 it gives when out of reach. */
const targetKinds: Record<string, 'organization' | 'call' | 'apiKey'> = {
  'Organization not found': 'organization',
  'Call not found': 'call',
  'API key not found': 'apiKey',
};

/** Builds the world through the public API, and the model of it the expectations are computed from. */
async function buildWorld(t: TestApp, tenants: Shape) {
  const organizations: OrganizationModel[] = [];
  const keys: KeyModel[] = [];
  for (const [index, tenantShape] of tenants.entries()) {
    const tenant = await newTenant(t, `Tenant ${index}`);
    const tenantKeyId = (await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenant.tenantId).executeTakeFirstOrThrow()).id;
    keys.push({ plaintext: tenant.apiKey, id: tenantKeyId, tenantId: tenant.tenantId, organizationId: undefined, revoked: false });
    for (const organizationShape of tenantShape.organizations) {
      const created = await newOrganization(t, tenant.apiKey);
      const model: OrganizationModel = { id: created.id, tenantId: tenant.tenantId, deleted: false, calls: [], keys: [] };
      for (let i = 0; i < organizationShape.calls; i += 1) model.calls.push((await newCall(t, tenant.apiKey, created.id)).id);
      await call(t.app, 'PUT', `/api/organization/${created.id}/metadata`, { key: tenant.apiKey, body: { plan: 'gold' } });
      for (let i = 0; i < organizationShape.keys; i += 1) {
        const key = await newOrganizationKey(t, tenant.apiKey, created.id, `Key ${i}`);
        model.keys.push({ id: key.id, revoked: false });
        keys.push({ plaintext: key.key, id: key.id, tenantId: tenant.tenantId, organizationId: created.id, revoked: false });
      }
      if (organizationShape.revokeFirstKey && model.keys[0] !== undefined) {
        await call(t.app, 'DELETE', `/api/api-keys/${model.keys[0].id}`, { key: tenant.apiKey });
        model.keys[0].revoked = true;
        keys.find((key) => key.id === model.keys[0]!.id)!.revoked = true;
      }
      if (organizationShape.deleted) {
        await call(t.app, 'DELETE', `/api/organization/${created.id}`, { key: tenant.apiKey });
        model.deleted = true;
      }
      organizations.push(model);
    }
  }
  return { organizations, keys };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

const keyWorks = (world: World, key: KeyModel) =>
  !key.revoked && (key.organizationId === undefined || !world.organizations.find((o) => o.id === key.organizationId)!.deleted);

const reaches = (key: KeyModel, organization: OrganizationModel) =>
  !organization.deleted && organization.tenantId === key.tenantId && (key.organizationId === undefined || key.organizationId === organization.id);

/** Every id the key must never be shown: other tenants' everything, and for an organization key, its siblings'. */
function unreachableIds(world: World, key: KeyModel): string[] {
  return world.organizations
    .filter((organization) => organization.tenantId !== key.tenantId || (key.organizationId !== undefined && key.organizationId !== organization.id))
    .flatMap((organization) => [organization.id, ...organization.calls, ...organization.keys.map((k) => k.id)])
    .concat(world.keys.filter((other) => other.tenantId !== key.tenantId).map((other) => other.id));
}

function expectedStatus(world: World, entry: RouteCase, key: KeyModel, organization: OrganizationModel): number | 'success' {
  if (!keyWorks(world, key)) return 401;
  if (entry.tenantOnly && key.organizationId !== undefined) return 403;
  if (entry.notFound === undefined) return 'success';
  const kind = targetKinds[entry.notFound];
  if (kind === undefined) throw new Error(`the isolation test does not know what ${entry.route} targets: add its 404 message to targetKinds`);
  if (!reaches(key, organization)) return 404;
  if (kind === 'apiKey' && organization.keys.length === 0) return 404;
  if (kind === 'call' && organization.calls.length === 0) return 404;
  if (entry.route === 'POST /api/api-keys' && organization.keys.filter((k) => !k.revoked).length >= 5) return 400;
  return 'success';
}

/** What a successful request changed, so later expectations follow. */
function applyEffect(world: World, entry: RouteCase, organization: OrganizationModel, target: Target, body: any) {
  if (entry.route === 'DELETE /api/organization/:id') organization.deleted = true;
  if (entry.route === 'DELETE /api/api-keys/:id') {
    organization.keys.find((k) => k.id === target.keyId)!.revoked = true;
    const revoked = world.keys.find((k) => k.id === target.keyId);
    if (revoked !== undefined) revoked.revoked = true;
  }
  if (entry.route === 'POST /api/api-keys') organization.keys.push({ id: body.id, revoked: false });
  if (entry.route === 'POST /api/calls') organization.calls.push(body.id);
  if (entry.route === 'DELETE /api/calls/:id') organization.calls = organization.calls.filter((id) => id !== target.callId);
}

/** Lists hold exactly what the key reaches: the right totals, and nothing from elsewhere. */
function expectExactList(world: World, entry: RouteCase, key: KeyModel, organization: OrganizationModel, body: any) {
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
  if (entry.route === 'GET /api/calls') {
    expect(body.pagination.total).toBe(organization.calls.length);
    expect(organization.calls).toEqual(expect.arrayContaining(ids(body.calls)));
  }
  if (entry.route === 'GET /api/api-keys') expect(ids(body.apiKeys).sort()).toEqual(organization.keys.map((k) => k.id).sort());
  if (entry.route === 'GET /api/organization') {
    const live = world.organizations.filter((o) => o.tenantId === key.tenantId && !o.deleted).map((o) => o.id);
    expect(body.pagination.total).toBe(live.length);
    expect(live).toEqual(expect.arrayContaining(ids(body.organizations)));
  }
}

const destructive = (entry: RouteCase) => entry.route.startsWith('DELETE');

describe.each(backends)('isolation across random tenants, organizations, keys and calls, on %s', (backend) => {
  const t = useTestApp(backend);

  it('lets every key, on every route, reach exactly what it may', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (tenants) => {
        await resetDatabase(t.db);
        const world = await buildWorld(t, tenants);
        const ordered = [...routeCatalogue.filter((entry) => !destructive(entry)), ...routeCatalogue.filter(destructive)];
        for (const entry of ordered) {
          const method = entry.route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
          for (const key of world.keys) {
            for (const organization of world.organizations) {
              const target: Target = {
                organizationId: organization.id,
                callId: organization.calls[0]!,
                keyId: organization.keys.find((k) => k.id !== key.id)?.id ?? organization.keys[0]?.id ?? '01936f5e-0000-7000-8000-000000000001',
              };
              const expected = expectedStatus(world, entry, key, organization);
              const request = entry.request(target);
              const response = await call(t.app, method, request.url, { key: key.plaintext, query: request.query, body: request.body, headers: request.headers });
              requests += 1;
              const context = `${entry.route} with ${key.organizationId === undefined ? 'tenant' : 'organization'} key on ${organization.id}: ${response.text}`;
              if (expected === 'success') expect(response.status, context).toBeLessThan(300);
              else expect(response.status, context).toBe(expected);
              for (const id of unreachableIds(world, key)) expect(response.text, context).not.toContain(id);
              if (expected === 'success') {
                expectExactList(world, entry, key, organization, response.body);
                applyEffect(world, entry, organization, target, response.body);
              }
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`[figures] isolation on ${backend}: ${RUNS} random worlds, ${requests} requests checked`);
  });
});
