import type { Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { ApiKeysTable } from '../db/tables.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;

export interface ActiveKey {
  id: string;
  tenant_id: string;
  organization_id: string | null;
  last_used_at: number | null;
}

export async function insertApiKey(db: Database, row: ApiKeyRow): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

/** A key is active while it is not revoked and, for an organization key, its organization is not deleted. */
export async function findActiveKeyByHash(db: Database, keyHash: string): Promise<ActiveKey | undefined> {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('organizations as o', 'o.id', 'k.organization_id')
    .select(['k.id', 'k.tenant_id', 'k.organization_id', 'k.last_used_at'])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('k.organization_id', 'is', null), eb('o.deleted_at', 'is', null)]))
    .executeTakeFirst();
}

/** Records use at most once per interval, so reads never turn into a write per request. */
export async function touchKey(db: Database, keyId: string, now: number, staleBefore: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', keyId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}

export async function countActiveOrganizationKeys(db: Database, organizationId: string): Promise<number> {
  const { count } = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Whose keys: a tenant's own keys (no organization) or one organization's keys. */
export interface KeyScope {
  tenantId: string;
  organizationId: string | null;
}

function keysIn(db: Database, scope: KeyScope) {
  const { organizationId } = scope;
  return db
    .selectFrom('api_keys')
    .where('tenant_id', '=', scope.tenantId)
    .where((eb) => (organizationId === null ? eb('organization_id', 'is', null) : eb('organization_id', '=', organizationId)));
}

export async function listKeys(db: Database, scope: KeyScope): Promise<ApiKeyRow[]> {
  return keysIn(db, scope).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findKey(db: Database, scope: KeyScope, keyId: string): Promise<ApiKeyRow | undefined> {
  return keysIn(db, scope).selectAll().where('id', '=', keyId).executeTakeFirst();
}

/** Reports whether this call revoked it (false when it already was). */
export async function revokeKey(db: Database, scope: KeyScope, keyId: string, now: number): Promise<boolean> {
  const { organizationId } = scope;
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where((eb) => (organizationId === null ? eb('organization_id', 'is', null) : eb('organization_id', '=', organizationId)))
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An organization key of a tenant, provided its organization is live. */
export async function findLiveOrganizationKey(db: Database, tenantId: string, keyId: string): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('organizations as o', 'o.id', 'k.organization_id')
    .selectAll('k')
    .where('k.tenant_id', '=', tenantId)
    .where('k.id', '=', keyId)
    .where('o.deleted_at', 'is', null)
    .executeTakeFirst();
}
