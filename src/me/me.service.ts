import { findKey } from '../api-keys/api-keys.repository.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { unauthorized } from '../http/api-error.js';
import { findOrganization } from '../organizations/organizations.repository.js';
import { findTenant } from '../tenants/tenants.repository.js';
import type { Me } from './me.schemas.js';

/** Describes the key a request was made with; one revoked or deleted meanwhile is refused as any other. */
export async function describeCaller(db: Database, principal: Principal): Promise<Me> {
  const organizationId = principal.kind === 'organization' ? principal.organizationId : null;
  const key = await findKey(db, { tenantId: principal.tenantId, organizationId }, principal.keyId);
  if (key === undefined) throw unauthorized();
  if (organizationId === null) {
    const tenant = await findTenant(db, principal.tenantId);
    if (tenant === undefined) throw unauthorized();
    return { kind: 'tenant', key: { id: key.id, name: key.name }, tenant: { id: tenant.id, name: tenant.name }, organization: null };
  }
  const organization = await findOrganization(db, principal.tenantId, organizationId);
  if (organization === undefined) throw unauthorized();
  return {
    kind: 'organization',
    key: { id: key.id, name: key.name },
    tenant: null,
    organization: { id: organization.id, name: organization.name, timezone: organization.timezone },
  };
}
