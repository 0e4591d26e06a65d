import type { Database } from '../db/database.js';
import { newId } from '../shared/ids.js';
import { insertApiKey, type ApiKeyRow } from './api-keys.repository.js';
import { generateKey } from './key-material.js';

export interface IssueKeyInput {
  tenantId: string;
  /** Null issues a tenant key. */
  organizationId: string | null;
  name: string;
  createdBy: string | null;
  now: number;
}

export interface IssuedKey {
  row: ApiKeyRow;
  /** The full key: returned to its owner this once and stored nowhere. */
  plaintext: string;
}

export async function issueKey(db: Database, input: IssueKeyInput): Promise<IssuedKey> {
  const material = generateKey(input.organizationId === null ? 'tenant' : 'organization');
  const row: ApiKeyRow = {
    id: newId(),
    tenant_id: input.tenantId,
    organization_id: input.organizationId,
    name: input.name,
    key_hash: material.hash,
    display_hint: material.displayHint,
    created_at: input.now,
    created_by: input.createdBy,
    last_used_at: null,
    revoked_at: null,
  };
  await insertApiKey(db, row);
  return { row, plaintext: material.plaintext };
}
