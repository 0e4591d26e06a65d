import { findActiveKeyByHash, touchKey } from '../api-keys/api-keys.repository.js';
import { hashKey } from '../api-keys/key-material.js';
import type { Database } from '../db/database.js';
import { unauthorized } from '../http/api-error.js';
import type { Clock } from '../shared/clock.js';
import type { ApiKeyCache } from './api-key-cache.js';
import type { Principal } from './principal.js';

const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;
const BEARER = /^Bearer +(\S{1,512}) *$/i;

export interface KeyVerification {
  db: Database;
  clock: Clock;
  cache: ApiKeyCache;
}

/** Resolves an Authorization header to its principal, or fails with the one 401 the contract allows. */
export async function authenticate({ db, clock, cache }: KeyVerification, header: string | undefined): Promise<Principal> {
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
  if (token === undefined) throw unauthorized();
  const keyHash = hashKey(token);
  const key = await cache.load(keyHash, () => findActiveKeyByHash(db, keyHash));
  if (key === undefined) throw unauthorized();

  const now = clock.now();
  if (key.last_used_at === null || key.last_used_at < now - LAST_USED_RESOLUTION_MS) {
    await touchKey(db, key.id, now, now - LAST_USED_RESOLUTION_MS);
    key.last_used_at = now;
  }
  return key.organization_id === null
    ? { kind: 'tenant', tenantId: key.tenant_id, keyId: key.id }
    : { kind: 'organization', tenantId: key.tenant_id, organizationId: key.organization_id, keyId: key.id };
}
