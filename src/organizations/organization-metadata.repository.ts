import type { Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { OrganizationMetadataTable } from '../db/tables.js';

export type MetadataRow = Selectable<OrganizationMetadataTable>;

export async function latestMetadata(db: Database, organizationId: string): Promise<MetadataRow | undefined> {
  return db
    .selectFrom('organization_metadata')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertMetadata(db: Database, row: MetadataRow): Promise<void> {
  await db.insertInto('organization_metadata').values(row).execute();
}
