import { recordAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { invalidField, notFound } from '../http/api-error.js';
import { lockOrganization } from '../organizations/organizations.repository.js';
import type { Clock } from '../shared/clock.js';
import { formatInstant } from '../shared/instants.js';
import { isUuid } from '../shared/ids.js';
import { countActiveOrganizationKeys, findKey, findLiveOrganizationKey, revokeKey, type KeyScope } from './api-keys.repository.js';
import type { Principal } from '../auth/principal.js';
import { MAX_ACTIVE_ORGANIZATION_KEYS } from './api-keys.schemas.js';
import { issueKey, type IssueKeyInput, type IssuedKey } from './issue-key.js';

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
    return issueAuditedKey(trx, { ...organization, name, createdBy, now: clock.now() });
  });
  return { id: row.id, name: row.name, organizationId: organization.organizationId, key: plaintext, createdAt: formatInstant(row.created_at) };
}

/** Issues a key and records who made it, in the caller's transaction. */
export async function issueAuditedKey(db: Database, input: IssueKeyInput): Promise<IssuedKey> {
  const issued = await issueKey(db, input);
  await recordAudit(db, {
    tenantId: input.tenantId,
    organizationId: input.organizationId,
    actorKeyId: input.createdBy,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: issued.row.id,
    details: { name: input.name, kind: input.organizationId === null ? 'tenant' : 'organization' },
    at: input.now,
  });
  return issued;
}

/** Another tenant key, for rotation; only the operator's CLI makes these. */
export async function createTenantKey(db: Database, clock: Clock, tenantId: string, name: string): Promise<IssuedKey> {
  return db.transaction().execute((trx) => issueAuditedKey(trx, { tenantId, organizationId: null, name, createdBy: null, now: clock.now() }));
}

const apiKeyNotFound = () => notFound('API key not found');

/**
 * Revokes a key within a scope; it stops working on the very next request to the instance that
 * revoked it (the caller forgets it from that instance's key cache). Revoking twice is harmless
 * and audited once.
 */
export async function revokeKeyIn(db: Database, clock: Clock, scope: KeyScope, keyId: string, actorKeyId: string | null): Promise<void> {
  const key = isUuid(keyId) ? await findKey(db, scope, keyId) : undefined;
  if (key === undefined) throw apiKeyNotFound();
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    if (!(await revokeKey(trx, scope, keyId, now))) return;
    await recordAudit(trx, {
      tenantId: scope.tenantId,
      organizationId: scope.organizationId,
      actorKeyId,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: keyId,
      details: { name: key.name, kind: scope.organizationId === null ? 'tenant' : 'organization' },
      at: now,
    });
  });
}

/** Revokes an organization key the principal reaches: any of its tenant's, or its own organization's. */
export async function revokeOrganizationKey(db: Database, clock: Clock, principal: Principal, keyId: string): Promise<void> {
  const key = isUuid(keyId) ? await findLiveOrganizationKey(db, principal.tenantId, keyId) : undefined;
  const reachable = principal.kind === 'tenant' || key?.organization_id === principal.organizationId;
  if (key?.organization_id == null || !reachable) throw apiKeyNotFound();
  await revokeKeyIn(db, clock, { tenantId: principal.tenantId, organizationId: key.organization_id }, keyId, principal.keyId);
}
