import type { Kysely } from 'kysely';
import { columnTypes, strictOnSqlite, type Dialect } from './column-types.js';

/**
 * The audit log. Organization and target ids are plain columns, not foreign keys: an entry must
 * outlive what it describes, deleted calls and organizations included.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('audit_events')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('tenant_id', t.uuid, (c) => c.notNull().references('tenants.id'))
      .addColumn('organization_id', t.uuid)
      .addColumn('actor_key_id', t.uuid)
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('audit_events_tenant_created').on('audit_events').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('audit_events_organization_created')
    .on('audit_events')
    .columns(['tenant_id', 'organization_id', 'created_at', 'id'])
    .execute();
}
