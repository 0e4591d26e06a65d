import { sql, type Kysely } from 'kysely';
import { backfillSearch } from './0004-search-backfill.js';
import { columnTypes, strictOnSqlite, type Dialect } from './column-types.js';

/**
 * Recordings (uploaded audio, kept in files or in database chunks), the voice provider's own
 * recording link, per-organization retention, and the full-text search index of transcripts and
 * summaries, filled for the calls already stored.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';

  await db.schema.alterTable('organizations').addColumn('retention_days', 'integer').execute();
  await db.schema.alterTable('calls').addColumn('provider_recording_url', 'text').execute();

  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('call_recordings')
      .addColumn('organization_id', t.uuid, (c) => c.notNull())
      .addColumn('call_id', t.uuid, (c) => c.notNull())
      .addColumn('storage', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', t.bigint, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('call_recordings_pk', ['organization_id', 'call_id'])
      .addForeignKeyConstraint('call_recordings_call_fk', ['organization_id', 'call_id'], 'calls', ['organization_id', 'id'], (fk) =>
        fk.onDelete('cascade'),
      ),
  ).execute();
  await db.schema.createIndex('call_recordings_storage_key').on('call_recordings').columns(['storage', 'storage_key']).unique().execute();

  // Chunks are written outside any transaction while an upload streams in; the recording row that
  // makes them reachable comes last, so a cut-short upload leaves chunks that no row names.
  await strictOnSqlite(
    dialect,
    db.schema
      .createTable('recording_chunks')
      .addColumn('blob_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', binary, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('recording_chunks_pk', ['blob_id', 'seq']),
  ).execute();

  if (dialect === 'postgres') {
    await db.schema
      .createTable('call_search')
      .addColumn('organization_id', t.uuid, (c) => c.notNull())
      .addColumn('call_id', t.uuid, (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('call_search_pk', ['organization_id', 'call_id'])
      .addForeignKeyConstraint('call_search_call_fk', ['organization_id', 'call_id'], 'calls', ['organization_id', 'id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await sql`create index call_search_document on call_search using gin (document)`.execute(db);
  } else {
    // FTS5 rows are addressed by an integer; this table gives each call a stable one (a plain
    // rowid could change on VACUUM) and finds it again when the call goes.
    await strictOnSqlite(
      dialect,
      db.schema
        .createTable('call_search_keys')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addUniqueConstraint('call_search_keys_call', ['organization_id', 'call_id'])
        .addForeignKeyConstraint('call_search_keys_call_fk', ['organization_id', 'call_id'], 'calls', ['organization_id', 'id'], (fk) =>
          fk.onDelete('cascade'),
        ),
    ).execute();
    // Words are split and folded before they reach the index (see search-words.ts), so the plain
    // ascii tokenizer only has to cut at the spaces, and both databases see the same words.
    await sql`create virtual table call_search using fts5(document, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')`.execute(db);
    await sql`create trigger call_search_keys_gone after delete on call_search_keys begin delete from call_search where rowid = old.id; end`.execute(db);
  }

  await backfillSearch(db, dialect);
}
