import { createTenantKey, revokeKeyIn } from '../../src/api-keys/api-keys.service.js';
import { newCall, newOrganization, newOrganizationKey, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';

/** One organization's worth of things a route may point at. */
export interface Target {
  organizationId: string;
  callId: string;
  keyId: string;
}

/**
 * The standard cast of the security set: two tenants, sibling organizations, a revoked
 * organization key, a revoked tenant key and a deleted organization whose key was left behind.
 */
export async function securityWorld(t: TestApp) {
  const base = await twoTenants(t);
  const { tenantA, tenantB } = base;

  async function targetIn(organizationId: string): Promise<Target> {
    const created = await newCall(t, tenantA.apiKey, organizationId);
    const key = await newOrganizationKey(t, tenantA.apiKey, organizationId, 'Target key');
    await call(t.app, 'PUT', `/api/organization/${organizationId}/metadata`, { key: tenantA.apiKey, body: { plan: 'gold' } });
    return { organizationId, callId: created.id, keyId: key.id };
  }

  const a1 = await targetIn(base.orgA1.id);
  const revokedOrgKey = await newOrganizationKey(t, tenantA.apiKey, base.orgA1.id, 'Revoked');
  await call(t.app, 'DELETE', `/api/api-keys/${revokedOrgKey.id}`, { key: tenantA.apiKey });

  const spareTenantKey = await createTenantKey(t.db, t.clock, tenantA.tenantId, 'Old');
  await revokeKeyIn(t.db, t.clock, { tenantId: tenantA.tenantId, organizationId: null }, spareTenantKey.row.id, null);

  const orgA3 = await newOrganization(t, tenantA.apiKey, { name: 'A3 Clinic (deleted)' });
  const a3 = await targetIn(orgA3.id);
  const deletedOrgKey = await newOrganizationKey(t, tenantA.apiKey, orgA3.id, 'Orphan');
  await call(t.app, 'DELETE', `/api/organization/${orgA3.id}`, { key: tenantA.apiKey });

  return {
    ...base,
    a1,
    a3,
    tenantBKey: tenantB.apiKey,
    revokedOrgKey: revokedOrgKey.key,
    revokedTenantKey: spareTenantKey.plaintext,
    deletedOrgKey: deletedOrgKey.key,
  };
}
export type SecurityWorld = Awaited<ReturnType<typeof securityWorld>>;
