import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { call } from '../support/http.js';
import { routeTable } from '../support/route-table.js';
import { useTestApp } from '../support/test-app.js';
import { publicRoutes, routeCatalogue, type RouteCase } from './route-catalogue.js';
import { securityWorld, type SecurityWorld, type Target } from './security-world.js';

const UNAUTHORIZED = { error: 'Invalid or missing API key' };

/** Inputs that validation or body parsing would refuse with a 400, 413 or 415. */
function unreadableInputs(entry: RouteCase): Array<[string, { query?: Record<string, string>; body?: string; headers?: Record<string, string> }]> {
  const badQuery = { organizationId: '', page: 'zero', limit: '-1' };
  if (entry.route.startsWith('GET')) return [['a query validation refuses', { query: badQuery }]];
  const json = { 'content-type': 'application/json' };
  return [
    ['a query validation refuses', { query: badQuery, body: '{}', headers: json }],
    ['a body that is not JSON', { body: '{"name": ', headers: json }],
    ['a body the schema refuses', { body: JSON.stringify({ nonsense: true, name: 7 }), headers: json }],
    ['a body over the size limit', { body: JSON.stringify({ name: 'x'.repeat(200 * 1024) }), headers: json }],
    ['a body of a type the API does not take', { body: 'plain words', headers: { 'content-type': 'text/plain' } }],
  ];
}
const TENANT_ONLY = { error: 'This endpoint requires a tenant API key' };

describe.each(backends)('the security set, on every route, on %s', (backend) => {
  const t = useTestApp(backend);
  let world: SecurityWorld;

  beforeEach(async () => {
    world = await securityWorld(t);
  });

  it('covers every route the app serves', () => {
    const covered = [...routeCatalogue.map((entry) => entry.route), ...publicRoutes].sort();
    expect(covered).toEqual(routeTable(t.app));
  });

  async function send(entry: RouteCase, target: Target, headers: Record<string, string>) {
    const request = entry.request(target);
    const method = entry.route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
    return call(t.app, method, request.url, { query: request.query, body: request.body, headers: { ...request.headers, ...headers } });
  }

  describe.each(routeCatalogue)('$route', (entry) => {
    it.each([
      ['no Authorization header', {}],
      ['a scheme other than Bearer', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['an empty bearer token', { authorization: 'Bearer ' }],
      ['an unknown key', { authorization: 'Bearer cbt_NotARealKeyNotARealKeyNotARealKeyNotA' }],
    ])('refuses %s with 401', async (_name, headers) => {
      const response = await send(entry, world.a1, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('refuses revoked keys and the key of a deleted organization with 401', async () => {
      for (const key of [world.revokedOrgKey, world.revokedTenantKey, world.deletedOrgKey]) {
        const response = await send(entry, world.a1, { authorization: `Bearer ${key}` });
        expect(response.status).toBe(401);
        expect(response.body).toEqual(UNAUTHORIZED);
      }
    });

    it('checks the key before the input', async () => {
      const response = await call(t.app, entry.route.split(' ')[0] as 'POST', entry.request(world.a1).url, {
        query: { organizationId: 'x', page: 'zero' },
        body: entry.route.startsWith('GET') || entry.route.startsWith('DELETE') ? undefined : { nonsense: true },
      });
      expect(response.status).toBe(401);
    });

    if (entry.tenantOnly) {
      it('refuses an organization key with 403', async () => {
        const response = await send(entry, world.a1, { authorization: `Bearer ${world.orgA1Key}` });
        expect(response.status).toBe(403);
        expect(response.body).toEqual(TENANT_ONLY);
      });

      // Who may call the route is settled before its body is read, so the answer is the same 403.
      it.each(unreadableInputs(entry))('refuses an organization key with 403 whatever its input: %s', async (_name, input) => {
        const method = entry.route.split(' ')[0] as 'POST';
        const response = await call(t.app, method, entry.request(world.a1).url, {
          query: input.query,
          body: input.body,
          headers: { ...input.headers, authorization: `Bearer ${world.orgA1Key}` },
        });
        expect(response.status).toBe(403);
        expect(response.body).toEqual(TENANT_ONLY);
      });
    }

    if (entry.notFound !== undefined) {
      const notFound = { error: entry.notFound };

      it("answers 404, never 403 or data, to another tenant's key", async () => {
        const response = await send(entry, world.a1, { authorization: `Bearer ${world.tenantBKey}` });
        expect(response.status).toBe(404);
        expect(response.body).toEqual(notFound);
      });

      it('answers 404 for a deleted organization', async () => {
        const response = await send(entry, world.a3, { authorization: `Bearer ${world.tenantA.apiKey}` });
        expect(response.status).toBe(404);
        expect(response.body).toEqual(notFound);
      });

      if (!entry.tenantOnly) {
        it("answers 404 to a sibling organization's key", async () => {
          const response = await send(entry, world.a1, { authorization: `Bearer ${world.orgA2Key}` });
          expect(response.status).toBe(404);
          expect(response.body).toEqual(notFound);
        });
      }
    }

    it('serves the rightful key', async () => {
      const keys = entry.tenantOnly ? [world.tenantA.apiKey] : [world.tenantA.apiKey, world.orgA1Key];
      for (const key of keys) {
        const response = await send(entry, world.a1, { authorization: `Bearer ${key}` });
        expect(response.status, `${response.text}`).toBeLessThan(300);
        // A deleted target is gone for the next key too.
        if (entry.route === 'DELETE /api/organization/:id' || entry.route === 'DELETE /api/calls/:id') break;
      }
    });
  });
});
