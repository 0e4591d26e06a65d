import { recordAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { invalidRequest, organizationNotFound } from '../http/api-error.js';
import type { Clock } from '../shared/clock.js';
import { isUuid, newId } from '../shared/ids.js';
import { foldCase } from '../shared/like-pattern.js';
import { formatInstant } from '../shared/instants.js';
import { offsetWithin, paginate } from '../shared/pagination.js';
import { findTenant } from '../tenants/tenants.repository.js';
import { metadataViolations } from './metadata-schema.js';
import { insertMetadata, latestMetadata, type MetadataRow } from './organization-metadata.repository.js';
import { presentOrganization } from './organization-presenter.js';
import {
  countOrganizations,
  findOrganization,
  findOrganizationByExternalId,
  insertOrganization,
  listOrganizations,
  lockOrganization,
  softDeleteOrganization,
  updateOrganization,
  type OrganizationRow,
} from './organizations.repository.js';
import type {
  CreateOrganizationBody,
  ListOrganizationsQuery,
  MetadataVersion,
  OrganizationObject,
  UpdateOrganizationBody,
} from './organizations.schemas.js';

/** Who acts: the tenant, and the key that made the request (recorded as `createdBy`). */
export interface Actor {
  tenantId: string;
  keyId: string | null;
}

/** Stored columns for the organization fields a request gives; a field left out stays undefined, which an update keeps. */
function organizationColumns(fields: UpdateOrganizationBody) {
  return {
    name: fields.name,
    name_key: foldCase(fields.name),
    email: fields.email,
    address: fields.address,
    city: fields.city,
    state_province: fields.stateProvince,
    postal_code: fields.postalCode,
    country: fields.country,
    phone_number: fields.phoneNumber,
    timezone: fields.timezone,
    retention_days: fields.retentionDays,
  };
}

/** The audit entry's who and what for a change to one organization. */
function auditedBy(actor: Actor, organizationId: string) {
  return {
    tenantId: actor.tenantId,
    organizationId,
    actorKeyId: actor.keyId,
    targetType: 'organization' as const,
    targetId: organizationId,
  };
}

async function liveOrganization(db: Database, tenantId: string, organizationId: string): Promise<OrganizationRow> {
  const organization = isUuid(organizationId) ? await findOrganization(db, tenantId, organizationId) : undefined;
  if (organization === undefined) throw organizationNotFound();
  return organization;
}

export async function getOrganization(db: Database, tenantId: string, organizationId: string): Promise<OrganizationObject> {
  return presentOrganization(await liveOrganization(db, tenantId, organizationId));
}

/** Creates an organization; a repeated `externalId` returns the one already made, as calls do. */
export async function createOrganization(
  db: Database,
  clock: Clock,
  actor: Actor,
  body: CreateOrganizationBody,
): Promise<{ organization: OrganizationObject; created: boolean }> {
  if (body.externalId !== undefined) {
    const existing = await findOrganizationByExternalId(db, actor.tenantId, body.externalId);
    if (existing !== undefined && existing.deleted_at === null) return { organization: presentOrganization(existing), created: false };
    if (existing !== undefined) throw invalidRequest([{ field: 'externalId', message: 'Belongs to a deleted organization', code: 'custom' }]);
  }
  const now = clock.now();
  const id = newId();
  try {
    await db.transaction().execute(async (trx) => {
      await insertOrganization(trx, {
        id,
        tenant_id: actor.tenantId,
        ...organizationColumns(body),
        timezone: body.timezone,
        retention_days: body.retentionDays ?? null,
        external_id: body.externalId ?? null,
        created_at: now,
        created_by: actor.keyId,
        updated_at: now,
      });
      await recordAudit(trx, { ...auditedBy(actor, id), action: 'organization.created', details: { name: body.name }, at: now });
    });
  } catch (error) {
    const winner = body.externalId === undefined ? undefined : await findOrganizationByExternalId(db, actor.tenantId, body.externalId);
    if (winner === undefined) throw error;
    return { organization: presentOrganization(winner), created: false };
  }
  return { organization: await getOrganization(db, actor.tenantId, id), created: true };
}

export async function listOrganizationsPage(db: Database, tenantId: string, query: ListOrganizationsQuery) {
  const total = await countOrganizations(db, tenantId, query.search);
  const offset = offsetWithin(query.page, query.limit, total);
  const rows =
    offset === null
      ? []
      : await listOrganizations(db, tenantId, { search: query.search, sort: query.sort, limit: query.limit, offset });
  return { organizations: rows.map(presentOrganization), pagination: paginate(query.page, query.limit, total) };
}

export async function changeOrganization(
  db: Database,
  clock: Clock,
  actor: Actor,
  organizationId: string,
  body: UpdateOrganizationBody,
): Promise<OrganizationObject> {
  await liveOrganization(db, actor.tenantId, organizationId);
  const changed = Object.keys(body).filter((field) => body[field as keyof UpdateOrganizationBody] !== undefined);
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    await updateOrganization(trx, actor.tenantId, organizationId, { ...organizationColumns(body), updated_at: now });
    await recordAudit(trx, { ...auditedBy(actor, organizationId), action: 'organization.updated', details: { fields: changed }, at: now });
  });
  return getOrganization(db, actor.tenantId, organizationId);
}

/** How long the organization keeps calls, in days from their start; null keeps them forever. */
export async function setRetention(
  db: Database,
  clock: Clock,
  actor: Actor,
  organizationId: string,
  retentionDays: number | null,
): Promise<OrganizationObject> {
  await liveOrganization(db, actor.tenantId, organizationId);
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    await updateOrganization(trx, actor.tenantId, organizationId, { retention_days: retentionDays, updated_at: now });
    await recordAudit(trx, { ...auditedBy(actor, organizationId), action: 'organization.updated', details: { fields: ['retentionDays'] }, at: now });
  });
  return getOrganization(db, actor.tenantId, organizationId);
}

/** Soft delete: the organization, its keys and its calls answer 404 from the next request on. */
export async function deleteOrganization(db: Database, clock: Clock, actor: Actor, organizationId: string): Promise<void> {
  if (!isUuid(organizationId)) throw organizationNotFound();
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    if (!(await softDeleteOrganization(trx, actor.tenantId, organizationId, now))) throw organizationNotFound();
    await recordAudit(trx, { ...auditedBy(actor, organizationId), action: 'organization.deleted', at: now });
  });
}

function presentMetadata(row: MetadataRow): MetadataVersion {
  return {
    id: row.id,
    organizationId: row.organization_id,
    version: row.version,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: formatInstant(row.created_at),
    createdBy: row.created_by,
  };
}

export async function getMetadata(db: Database, tenantId: string, organizationId: string): Promise<MetadataVersion | undefined> {
  const organization = await liveOrganization(db, tenantId, organizationId);
  const row = await latestMetadata(db, organization.id);
  return row === undefined ? undefined : presentMetadata(row);
}

/** Each write becomes the next version; the tenant's JSON Schema, when it has one, must accept it. */
export async function writeMetadata(
  db: Database,
  clock: Clock,
  actor: Actor,
  organizationId: string,
  metadata: Record<string, unknown>,
): Promise<MetadataVersion> {
  const organization = await liveOrganization(db, actor.tenantId, organizationId);
  const tenant = await findTenant(db, actor.tenantId);
  if (tenant?.metadata_schema != null) {
    const violations = metadataViolations(tenant.metadata_schema, metadata);
    if (violations.length > 0) throw invalidRequest(violations);
  }
  return db.transaction().execute(async (trx) => {
    await lockOrganization(trx, actor.tenantId, organization.id);
    const previous = await latestMetadata(trx, organization.id);
    const row: MetadataRow = {
      organization_id: organization.id,
      id: newId(),
      version: (previous?.version ?? 0) + 1,
      metadata: JSON.stringify(metadata),
      created_at: clock.now(),
      created_by: actor.keyId,
    };
    await insertMetadata(trx, row);
    await recordAudit(trx, {
      ...auditedBy(actor, organization.id),
      action: 'organization.metadata_updated',
      details: { version: row.version },
      at: row.created_at,
    });
    return presentMetadata(row);
  });
}
