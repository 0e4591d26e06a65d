import { issueAuditedKey } from '../api-keys/api-keys.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { insertTenant, setTenantMetadataSchema } from './tenants.repository.js';

export interface CreatedTenant {
  tenantId: string;
  apiKey: string;
}

/** A tenant is only useful with a key, so both are made in one transaction. */
export async function createTenant(db: Database, clock: Clock, name: string): Promise<CreatedTenant> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const tenantId = newId();
    await insertTenant(trx, { id: tenantId, name, metadata_schema: null, created_at: now });
    await recordAudit(trx, { ...byOperator(tenantId), action: 'tenant.created', details: { name }, at: now });
    const { plaintext } = await issueAuditedKey(trx, { tenantId, organizationId: null, name: 'Initial key', createdBy: null, now });
    return { tenantId, apiKey: plaintext };
  });
}

const byOperator = (tenantId: string) =>
  ({ tenantId, organizationId: null, actorKeyId: null, targetType: 'tenant', targetId: tenantId }) as const;

/** Sets or clears (null) the JSON Schema organization metadata must match. */
export async function changeMetadataSchema(db: Database, clock: Clock, tenantId: string, schema: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setTenantMetadataSchema(trx, tenantId, schema);
    await recordAudit(trx, { ...byOperator(tenantId), action: 'tenant.metadata_schema_changed', details: { cleared: schema === null }, at: clock.now() });
  });
}
