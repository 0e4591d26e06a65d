import type { Database } from '../db/database.js';
import { formatInstant } from '../shared/instants.js';
import { newId } from '../shared/ids.js';
import { offsetWithin, paginate } from '../shared/pagination.js';
import { countAuditEvents, insertAuditEvent, listAuditEvents, type AuditEventWithActor } from './audit.repository.js';
import type { AuditAction, AuditEventObject, AuditTargetType, ListAuditQuery } from './audit.schemas.js';

export interface AuditEvent {
  tenantId: string;
  organizationId: string | null;
  /** The key that made the request; null for the operator's CLI. */
  actorKeyId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** What changed, never a secret or a patient's data. */
  details?: Record<string, unknown>;
  /** The instant of the change itself. */
  at: number;
}

/**
 * Records one change. Call it with the transaction that makes the change, so the entry and the
 * change are committed, or rolled back, together.
 */
export async function recordAudit(db: Database, event: AuditEvent): Promise<void> {
  await insertAuditEvent(db, {
    id: newId(),
    tenant_id: event.tenantId,
    organization_id: event.organizationId,
    actor_key_id: event.actorKeyId,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    details: event.details === undefined ? null : JSON.stringify(event.details),
    created_at: event.at,
  });
}

function presentAuditEvent(row: AuditEventWithActor): AuditEventObject {
  return {
    id: row.id,
    organizationId: row.organization_id,
    actor: {
      type: row.actor_key_id === null ? 'operator' : 'api_key',
      keyId: row.actor_key_id,
      keyName: row.actor_name,
      keyHint: row.actor_hint,
    },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
    createdAt: formatInstant(row.created_at),
  };
}

export async function listAuditPage(db: Database, tenantId: string, query: ListAuditQuery) {
  const filter = { organizationId: query.organizationId, action: query.action, targetId: query.targetId, from: query.from, to: query.to };
  const total = await countAuditEvents(db, tenantId, filter);
  const offset = offsetWithin(query.page, query.limit, total);
  const rows = offset === null ? [] : await listAuditEvents(db, tenantId, filter, { limit: query.limit, offset });
  return { events: rows.map(presentAuditEvent), pagination: paginate(query.page, query.limit, total) };
}
