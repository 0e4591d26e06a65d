import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditEventsTable } from '../db/tables.js';

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface AuditEventWithActor extends AuditEventRow {
  actor_name: string | null;
  actor_hint: string | null;
}

export interface AuditFilter {
  organizationId?: string;
  action?: string;
  targetId?: string;
  from?: number;
  to?: number;
}

export async function insertAuditEvent(db: Database, row: Insertable<AuditEventsTable>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

function tenantEvents(db: Database, tenantId: string, filter: AuditFilter) {
  let query = db.selectFrom('audit_events as e').where('e.tenant_id', '=', tenantId);
  if (filter.organizationId !== undefined) query = query.where('e.organization_id', '=', filter.organizationId);
  if (filter.action !== undefined) query = query.where('e.action', '=', filter.action);
  if (filter.targetId !== undefined) query = query.where('e.target_id', '=', filter.targetId);
  if (filter.from !== undefined) query = query.where('e.created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('e.created_at', '<=', filter.to);
  return query;
}

export async function countAuditEvents(db: Database, tenantId: string, filter: AuditFilter): Promise<number> {
  const { count } = await tenantEvents(db, tenantId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Newest first; the acting key's name and hint come along, even for a key revoked since. */
export async function listAuditEvents(
  db: Database,
  tenantId: string,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<AuditEventWithActor[]> {
  return tenantEvents(db, tenantId, filter)
    .leftJoin('api_keys as k', (join) => join.onRef('k.id', '=', 'e.actor_key_id').onRef('k.tenant_id', '=', 'e.tenant_id'))
    .selectAll('e')
    .select(['k.name as actor_name', 'k.display_hint as actor_hint'])
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
