import { issueKey } from '../api-keys/issue-key.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { insertTenant } from './tenants.repository.js';

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
    const { plaintext } = await issueKey(trx, { tenantId, organizationId: null, name: 'Initial key', createdBy: null, now });
    return { tenantId, apiKey: plaintext };
  });
}
