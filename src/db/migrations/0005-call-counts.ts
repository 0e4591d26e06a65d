import { sql, type Kysely } from 'kysely';
import { countCallsOf } from './0005-count-rebuild.js';
import { columnTypes, type Dialect } from './column-types.js';

/**
 * Counts of calls per organization, filter values and bucket of each sort key, so List Calls knows
 * its exact total and where any page starts without walking the calls themselves. The key starts
 * with the organization, like every other key, so the table shards with its calls. No foreign key:
 * these rows are derived from `calls` and maintained in the same transactions.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const table = db.schema
    .createTable('call_counts')
    .addColumn('organization_id', t.uuid, (c) => c.notNull())
    .addColumn('mask', 'integer', (c) => c.notNull())
    .addColumn('call_type', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('intent_key', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('bucket', t.bigint, (c) => c.notNull())
    .addColumn('n', t.bigint, (c) => c.notNull())
    .addColumn('refined', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('call_counts_pk', ['organization_id', 'mask', 'call_type', 'agent_id', 'intent_key', 'level', 'bucket']);
  // Clustered on the key: the buckets a query sums lie side by side.
  await (dialect === 'sqlite' ? table.modifyEnd(sql`strict, without rowid`) : table).execute();

  // The counters say how many calls match and where a page starts, so the index is only read
  // within one short stretch of a sort key. One index per sort key, carrying the filter columns
  // so a filter is checked without visiting the calls, then serves every filter; each call then
  // writes two secondary indexes where it wrote five.
  for (const name of ['calls_started', 'calls_duration', 'calls_type_started', 'calls_agent_started', 'calls_intent_started']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema
    .createIndex('calls_by_start')
    .on('calls')
    .columns(['organization_id', 'started_at', 'id', 'call_type', 'agent_id', 'intent_key', 'duration_seconds'])
    .execute();
  await db.schema
    .createIndex('calls_by_duration')
    .on('calls')
    .columns(['organization_id', 'duration_seconds', 'id', 'call_type', 'agent_id', 'intent_key', 'started_at'])
    .execute();

  const organizations = await db.selectFrom('calls').select('organization_id').distinct().execute();
  for (const { organization_id } of organizations) await countCallsOf(db, organization_id);
}
