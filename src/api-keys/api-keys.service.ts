import type { Database } from '../db/database.js';
import { invalidField, notFound } from '../http/api-error.js';
import { lockOrganization } from '../organizations/organizations.repository.js';
import type { Clock } from '../shared/clock.js';
import { formatInstant } from '../shared/instants.js';
import { isUuid } from '../shared/ids.js';
import { countActiveOrganizationKeys, findKey, findLiveOrganizationKey, revokeKey, type KeyScope } from './api-keys.repository.js';
import type { Principal } from '../auth/principal.js';
import { MAX_ACTIVE_ORGANIZATION_KEYS } from './api-keys.schemas.js';
import { issueKey } from './issue-key.js';

export interface OrganizationRef {
  tenantId: string;
  organizationId: string;
}

/** Issues an organization key; the organization is locked meanwhile so two requests cannot both take the fifth place. */
export async function createOrganizationKey(
  db: Database,
  clock: Clock,
  organization: OrganizationRef,
  name: string,
  createdBy: string | null,
) {
  const { row, plaintext } = await db.transaction().execute(async (trx) => {
    await lockOrganization(trx, organization.tenantId, organization.organizationId);
    const active = await countActiveOrganizationKeys(trx, organization.organizationId);
    if (active >= MAX_ACTIVE_ORGANIZATION_KEYS) {
      throw invalidField(
        'organizationId',
        `An organization may have at most ${MAX_ACTIVE_ORGANIZATION_KEYS} active API keys; revoke one first`,
        'too_big',
      );
    }
    return issueKey(trx, { ...organization, name, createdBy, now: clock.now() });
  });
  return { id: row.id, name: row.name, organizationId: organization.organizationId, key: plaintext, createdAt: formatInstant(row.created_at) };
}

const apiKeyNotFound = () => notFound('API key not found');

/** Revokes a key within a scope; it stops working on the very next request. Revoking twice is harmless. */
export async function revokeKeyIn(db: Database, clock: Clock, scope: KeyScope, keyId: string): Promise<void> {
  const key = isUuid(keyId) ? await findKey(db, scope, keyId) : undefined;
  if (key === undefined) throw apiKeyNotFound();
  await revokeKey(db, scope, keyId, clock.now());
}

/** Revokes an organization key the principal reaches: any of its tenant's, or its own organization's. */
export async function revokeOrganizationKey(db: Database, clock: Clock, principal: Principal, keyId: string): Promise<void> {
  const key = isUuid(keyId) ? await findLiveOrganizationKey(db, principal.tenantId, keyId) : undefined;
  const reachable = principal.kind === 'tenant' || key?.organization_id === principal.organizationId;
  if (key?.organization_id == null || !reachable) throw apiKeyNotFound();
  await revokeKeyIn(db, clock, { tenantId: principal.tenantId, organizationId: key.organization_id }, keyId);
}
