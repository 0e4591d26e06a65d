import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { dialectOf, type Database } from '../db/database.js';
import type { OrganizationsTable } from '../db/tables.js';
import { containsPattern, foldCase } from '../shared/like-pattern.js';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type OrganizationPatch = Omit<Updateable<OrganizationsTable>, 'id' | 'tenant_id' | 'created_at' | 'created_by' | 'deleted_at'>;

export type OrganizationSortColumn = 'name' | 'created_at' | 'updated_at' | 'email' | 'country' | 'city';

export interface OrganizationListQuery {
  search: string | undefined;
  sort: { column: OrganizationSortColumn; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

function liveOrganizations(db: Database, tenantId: string, search: string | undefined) {
  let query = db.selectFrom('organizations').where('tenant_id', '=', tenantId).where('deleted_at', 'is', null);
  if (search !== undefined) {
    query = query.where(sql<boolean>`name_key like ${containsPattern(foldCase(search))} escape '\\'`);
  }
  return query;
}

export async function findOrganization(db: Database, tenantId: string, organizationId: string): Promise<OrganizationRow | undefined> {
  return liveOrganizations(db, tenantId, undefined).selectAll().where('id', '=', organizationId).executeTakeFirst();
}

export async function findOrganizationByExternalId(
  db: Database,
  tenantId: string,
  externalId: string,
): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function insertOrganization(db: Database, row: Insertable<OrganizationsTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function countOrganizations(db: Database, tenantId: string, search: string | undefined): Promise<number> {
  const { count } = await liveOrganizations(db, tenantId, search)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function listOrganizations(db: Database, tenantId: string, query: OrganizationListQuery): Promise<OrganizationRow[]> {
  return liveOrganizations(db, tenantId, query.search)
    .selectAll()
    .orderBy(query.sort.column, query.sort.direction)
    .orderBy('id', query.sort.direction)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

export async function updateOrganization(
  db: Database,
  tenantId: string,
  organizationId: string,
  patch: OrganizationPatch,
): Promise<void> {
  await db
    .updateTable('organizations')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function softDeleteOrganization(db: Database, tenantId: string, organizationId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('organizations')
    .set({ deleted_at: now, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Serialises writers of one organization until the transaction ends (PostgreSQL row lock); SQLite
 * already runs one write transaction at a time.
 */
export async function lockOrganization(db: Database, tenantId: string, organizationId: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db
    .selectFrom('organizations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', organizationId)
    .forUpdate()
    .execute();
}

/** For the operator's CLI, which acts across tenants: a live organization by id alone. */
export async function findLiveOrganizationById(db: Database, organizationId: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', organizationId).where('deleted_at', 'is', null).executeTakeFirst();
}

export interface RetentionRule {
  id: string;
  tenant_id: string;
  retention_days: number;
}

/**
 * Organizations that keep calls for a limited time, deleted ones included: their calls are out of
 * reach, but still stored, and the promise to delete them holds.
 */
export async function organizationsWithRetention(db: Database, organizationId?: string): Promise<RetentionRule[]> {
  let query = db.selectFrom('organizations').select(['id', 'tenant_id', 'retention_days']).where('retention_days', 'is not', null);
  if (organizationId !== undefined) query = query.where('id', '=', organizationId);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, tenant_id: row.tenant_id, retention_days: row.retention_days as number }));
}
