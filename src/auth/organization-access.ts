import type { Database } from '../db/database.js';
import { forbidden, organizationNotFound } from '../http/api-error.js';
import { findOrganization, type OrganizationRow } from '../organizations/organizations.repository.js';
import { isUuid } from '../shared/ids.js';
import type { Principal } from './principal.js';

/**
 * The organization if the key may reach it. Absent, deleted and out-of-reach organizations all
 * answer the same 404, so a key learns nothing about organizations it cannot reach.
 */
export async function reachOrganization(db: Database, principal: Principal, organizationId: string): Promise<OrganizationRow> {
  if (!isUuid(organizationId)) throw organizationNotFound();
  if (principal.kind === 'organization' && principal.organizationId !== organizationId) throw organizationNotFound();
  const organization = await findOrganization(db, principal.tenantId, organizationId);
  if (organization === undefined) throw organizationNotFound();
  return organization;
}

export function requireTenantKey(principal: Principal): asserts principal is Extract<Principal, { kind: 'tenant' }> {
  if (principal.kind !== 'tenant') throw forbidden('This endpoint requires a tenant API key');
}
