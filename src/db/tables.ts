/**
 * Row types as stored. Instants are whole milliseconds since the epoch on both databases, so
 * ordering, ranges and arithmetic behave identically on SQLite and PostgreSQL.
 */
export interface TenantsTable {
  id: string;
  name: string;
  metadata_schema: string | null;
  created_at: number;
}

export interface OrganizationsTable {
  id: string;
  tenant_id: string;
  name: string;
  /** The name folded to lower case, for a case-insensitive search that behaves alike on both databases. */
  name_key: string;
  email: string;
  address: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string | null;
  phone_number: string | null;
  timezone: string;
  external_id: string | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  deleted_at: number | null;
  /** Calls that started more than this many days ago are deleted; null keeps them forever. */
  retention_days: number | null;
}

export interface OrganizationMetadataTable {
  organization_id: string;
  id: string;
  version: number;
  metadata: string;
  created_at: number;
  created_by: string | null;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  /** Null for a tenant key. */
  organization_id: string | null;
  name: string;
  key_hash: string;
  display_hint: string;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AgentsTable {
  organization_id: string;
  id: string;
  name: string;
  created_at: number;
}

export type CallType = 'Inbound' | 'Outbound' | 'Web';

export interface CallsTable {
  organization_id: string;
  id: string;
  external_id: string | null;
  call_type: CallType;
  agent_id: string;
  phone_number: string | null;
  started_at: number;
  ended_at: number;
  duration_seconds: number;
  ended_reason: string | null;
  user_name: string | null;
  user_phone_number: string | null;
  user_primary_intent: string | null;
  /** The intent folded to lower case: the filter matches it exactly, whatever the case. */
  intent_key: string | null;
  user_sentiment: string | null;
  summary: string | null;
  created_at: number;
  /** The voice provider's own link to the audio, kept as given and never fetched. */
  provider_recording_url: string | null;
}

export type TranscriptFormat = 'text' | 'turns';

export interface CallTranscriptsTable {
  organization_id: string;
  call_id: string;
  format: TranscriptFormat;
  /** Plain text, or the turns as a JSON array. */
  content: string;
}

export type RecordingStorageKind = 'files' | 'database';

/** An uploaded recording: where its bytes are, and what they are. */
export interface CallRecordingsTable {
  organization_id: string;
  call_id: string;
  storage: RecordingStorageKind;
  /** A file name in the recordings folder, or the blob id of its database chunks; new for every upload. */
  storage_key: string;
  content_type: string;
  size_bytes: number;
  created_at: number;
}

/** A recording's bytes in the database, in fixed-size pieces numbered from 0. */
export interface RecordingChunksTable {
  blob_id: string;
  seq: number;
  data: Buffer;
  created_at: number;
}

/**
 * How many of an organization's calls fall in one bucket of a sort key, for one combination of
 * filter values (see src/calls/call-count-keys.ts); kept exact in the transaction of every change.
 */
export interface CallCountsTable {
  organization_id: string;
  /** Which of call_type, agent_id and intent_key this row is specific to; the others are empty. */
  mask: number;
  call_type: string;
  agent_id: string;
  intent_key: string;
  level: number;
  bucket: number;
  n: number;
  /** On a coarse bucket's row of mask 0: 1 once the bucket is also counted by fine buckets. */
  refined: number;
}

/** Who did what to what, and when; written in the transaction of the change it records. */
export interface AuditEventsTable {
  id: string;
  tenant_id: string;
  organization_id: string | null;
  /** Null when the operator acted through the CLI. */
  actor_key_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  /** A JSON object, never a secret. */
  details: string | null;
  created_at: number;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export interface Tables {
  tenants: TenantsTable;
  organizations: OrganizationsTable;
  organization_metadata: OrganizationMetadataTable;
  api_keys: ApiKeysTable;
  agents: AgentsTable;
  calls: CallsTable;
  call_transcripts: CallTranscriptsTable;
  call_recordings: CallRecordingsTable;
  recording_chunks: RecordingChunksTable;
  call_counts: CallCountsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
}
