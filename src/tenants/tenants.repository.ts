import type { Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { TenantsTable } from '../db/tables.js';

export type TenantRow = Selectable<TenantsTable>;

export async function insertTenant(db: Database, row: TenantRow): Promise<void> {
  await db.insertInto('tenants').values(row).execute();
}

export async function findTenant(db: Database, tenantId: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export async function listTenants(db: Database): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function setTenantMetadataSchema(db: Database, tenantId: string, schema: string | null): Promise<void> {
  await db.updateTable('tenants').set({ metadata_schema: schema }).where('id', '=', tenantId).execute();
}
