import type { Database } from '../db/database.js';
import { findLiveOrganizationById, type OrganizationRow } from '../organizations/organizations.repository.js';
import { findTenant, type TenantRow } from '../tenants/tenants.repository.js';
import { CliError } from './cli-io.js';

export async function tenantOrFail(db: Database, tenantId: string): Promise<TenantRow> {
  const tenant = await findTenant(db, tenantId);
  if (tenant === undefined) throw new CliError(`No tenant has the id ${tenantId}.`);
  return tenant;
}

export async function organizationOrFail(db: Database, organizationId: string): Promise<OrganizationRow> {
  const organization = await findLiveOrganizationById(db, organizationId);
  if (organization === undefined) throw new CliError(`No organization has the id ${organizationId} (or it was deleted).`);
  return organization;
}
