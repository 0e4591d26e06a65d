import type { Principal } from '../auth/principal.js';
import { reachOrganization } from '../auth/organization-access.js';
import type { Database } from '../db/database.js';
import type { CallScope } from './calls.repository.js';

/** Where a call may be looked up: the organization named (if the key reaches it), or all the key reaches. */
export async function callScopeFor(db: Database, principal: Principal, organizationId: string | undefined): Promise<CallScope> {
  if (organizationId !== undefined) {
    const organization = await reachOrganization(db, principal, organizationId);
    return { tenantId: principal.tenantId, organizationId: organization.id };
  }
  return {
    tenantId: principal.tenantId,
    organizationId: principal.kind === 'organization' ? principal.organizationId : undefined,
  };
}
