import { beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newOrganization, newOrganizationKey, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('GET /api/me on %s', (backend) => {
  const t = useTestApp(backend);
  let tenant: Awaited<ReturnType<typeof newTenant>>;

  beforeEach(async () => {
    tenant = await newTenant(t, 'Acme Health');
  });

  it('tells a tenant key its tenant', async () => {
    const response = await call(t.app, 'GET', '/api/me', { key: tenant.apiKey });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      kind: 'tenant',
      key: { id: expect.any(String), name: expect.any(String) },
      tenant: { id: tenant.tenantId, name: 'Acme Health' },
      organization: null,
    });
  });

  it('tells an organization key its organization and time zone, and nothing of the tenant', async () => {
    const organization = await newOrganization(t, tenant.apiKey, { name: 'Smith Dental', timezone: 'Asia/Tokyo' });
    const key = await newOrganizationKey(t, tenant.apiKey, organization.id, 'Front desk');
    const response = await call(t.app, 'GET', '/api/me', { key: key.key });
    expect(response.body).toEqual({
      kind: 'organization',
      key: { id: key.id, name: 'Front desk' },
      tenant: null,
      organization: { id: organization.id, name: 'Smith Dental', timezone: 'Asia/Tokyo' },
    });
    expect(response.text).not.toContain(tenant.tenantId);
  });
});
