import type { Kysely } from 'kysely';
import { columnTypes, strictOnSqlite, type Dialect } from './column-types.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull()),
  ).execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('tenants')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('metadata_schema', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull()),
  ).execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('organizations')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('tenant_id', t.uuid, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('city', 'text')
      .addColumn('state_province', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('country', 'text')
      .addColumn('phone_number', 'text')
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('created_by', t.uuid)
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('deleted_at', t.bigint),
  ).execute();
  await db.schema.createIndex('organizations_tenant_created').on('organizations').columns(['tenant_id', 'created_at']).execute();
  await db.schema
    .createIndex('organizations_tenant_external_id')
    .on('organizations')
    .columns(['tenant_id', 'external_id'])
    .unique()
    .execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('organization_metadata')
      .addColumn('organization_id', t.uuid, (c) => c.notNull().references('organizations.id'))
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('created_by', t.uuid)
      .addPrimaryKeyConstraint('organization_metadata_pk', ['organization_id', 'version']),
  ).execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('api_keys')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('tenant_id', t.uuid, (c) => c.notNull().references('tenants.id'))
      .addColumn('organization_id', t.uuid, (c) => c.references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('display_hint', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('created_by', t.uuid)
      .addColumn('last_used_at', t.bigint)
      .addColumn('revoked_at', t.bigint),
  ).execute();
  await db.schema.createIndex('api_keys_key_hash').on('api_keys').column('key_hash').unique().execute();
  await db.schema.createIndex('api_keys_tenant').on('api_keys').columns(['tenant_id', 'organization_id']).execute();
  await db.schema.createIndex('api_keys_organization').on('api_keys').columns(['organization_id', 'created_at']).execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('agents')
      .addColumn('organization_id', t.uuid, (c) => c.notNull().references('organizations.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('agents_pk', ['organization_id', 'id']),
  ).execute();
  await db.schema.createIndex('agents_organization_name').on('agents').columns(['organization_id', 'name']).execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('calls')
      .addColumn('organization_id', t.uuid, (c) => c.notNull().references('organizations.id'))
      .addColumn('id', t.uuid, (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('call_type', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('phone_number', 'text')
      .addColumn('started_at', t.bigint, (c) => c.notNull())
      .addColumn('ended_at', t.bigint, (c) => c.notNull())
      .addColumn('duration_seconds', t.bigint, (c) => c.notNull())
      .addColumn('ended_reason', 'text')
      .addColumn('user_name', 'text')
      .addColumn('user_phone_number', 'text')
      .addColumn('user_primary_intent', 'text')
      .addColumn('intent_key', 'text')
      .addColumn('user_sentiment', 'text')
      .addColumn('summary', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('calls_pk', ['organization_id', 'id'])
      .addForeignKeyConstraint('calls_agent_fk', ['organization_id', 'agent_id'], 'agents', ['organization_id', 'id']),
  ).execute();
  await db.schema
    .createIndex('calls_external_id')
    .on('calls')
    .columns(['organization_id', 'external_id'])
    .unique()
    .execute();
  // One index per sort key and per equality filter, each ending in id so ties keep a stable order.
  const callIndexes: Record<string, string[]> = {
    calls_started: ['organization_id', 'started_at', 'id'],
    calls_duration: ['organization_id', 'duration_seconds', 'id'],
    calls_type_started: ['organization_id', 'call_type', 'started_at', 'id'],
    calls_agent_started: ['organization_id', 'agent_id', 'started_at', 'id'],
    calls_intent_started: ['organization_id', 'intent_key', 'started_at', 'id'],
  };
  for (const [name, columns] of Object.entries(callIndexes)) {
    await db.schema.createIndex(name).on('calls').columns(columns).execute();
  }

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('call_transcripts')
      .addColumn('organization_id', t.uuid, (c) => c.notNull())
      .addColumn('call_id', t.uuid, (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('call_transcripts_pk', ['organization_id', 'call_id'])
      .addForeignKeyConstraint('call_transcripts_call_fk', ['organization_id', 'call_id'], 'calls', ['organization_id', 'id'], (fk) =>
        fk.onDelete('cascade'),
      ),
  ).execute();
}
