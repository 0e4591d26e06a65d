import { formatInstant, formatOptionalInstant } from '../shared/instants.js';
import type { ApiKeyRow } from './api-keys.repository.js';
import type { ApiKeyObject } from './api-keys.schemas.js';

export function presentApiKey(row: ApiKeyRow): ApiKeyObject {
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    keyHint: row.display_hint,
    createdAt: formatInstant(row.created_at),
    lastUsedAt: formatOptionalInstant(row.last_used_at),
    revokedAt: formatOptionalInstant(row.revoked_at),
  };
}
