import { formatInstant } from '../shared/instants.js';
import type { OrganizationRow } from './organizations.repository.js';
import type { OrganizationObject } from './organizations.schemas.js';

export function presentOrganization(row: OrganizationRow): OrganizationObject {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    address: row.address,
    city: row.city,
    stateProvince: row.state_province,
    postalCode: row.postal_code,
    country: row.country,
    phoneNumber: row.phone_number,
    tenantId: row.tenant_id,
    timezone: row.timezone,
    createdAt: formatInstant(row.created_at),
    createdBy: row.created_by,
    externalId: row.external_id,
    updatedAt: formatInstant(row.updated_at),
    retentionDays: row.retention_days,
  };
}
