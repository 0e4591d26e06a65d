import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const REQUIRED = { error: 'Invalid request data', details: [{ field: 'organizationId', message: 'Required', code: 'invalid_type' }] };

/**
 * An empty parameter means the same as an absent one, so an empty `organizationId` where one must
 * be named is reported exactly as a missing one: a 400 `Required`, not a lookup answered 404.
 */
describe.each(backends)('an empty organizationId, on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  it.each(['/api/calls', '/api/calls/stats', '/api/calls/export', '/api/api-keys'])('GET %s answers an empty one as a missing one', async (url) => {
    for (const key of [world.tenantA.apiKey, world.orgA1Key]) {
      const absent = await call(t.app, 'GET', url, { key });
      const empty = await call(t.app, 'GET', `${url}?organizationId=`, { key });
      expect(absent.status, absent.text).toBe(400);
      expect(absent.body).toEqual(REQUIRED);
      expect(empty.status, empty.text).toBe(400);
      expect(empty.body).toEqual(REQUIRED);
    }
  });

  it('POST /api/api-keys answers an empty one as a missing one', async () => {
    for (const organizationId of [undefined, '']) {
      const response = await call(t.app, 'POST', '/api/api-keys', { key: world.tenantA.apiKey, body: { organizationId, name: 'Front desk' } });
      expect(response.status, response.text).toBe(400);
      expect(response.body).toEqual(REQUIRED);
    }
  });
});
