import type { Transport } from './transport.js';
import type {
  CreateOrganizationInput,
  DeleteOrganizationResponse,
  ListOrganizationsParams,
  ListOrganizationsResponse,
  Organization,
  OrganizationMetadata,
  OrganizationMetadataInput,
  UpdateOrganizationInput,
} from './types.js';

const path = (id: string) => `/api/organization/${encodeURIComponent(id)}`;

/** A tenant's organizations: tenant keys only. */
export class OrganizationsResource {
  constructor(private readonly transport: Transport) {}

  list(params: ListOrganizationsParams = {}): Promise<ListOrganizationsResponse> {
    return this.transport.json({ method: 'GET', path: '/api/organization', query: params });
  }

  create(organization: CreateOrganizationInput): Promise<Organization> {
    // The server answers a repeated externalId with the organization it already holds, so only then is a retry safe.
    return this.transport.json({ method: 'POST', path: '/api/organization', body: organization, idempotent: (organization.externalId ?? '') !== '' });
  }

  get(id: string): Promise<Organization> {
    return this.transport.json({ method: 'GET', path: path(id) });
  }

  update(id: string, organization: UpdateOrganizationInput): Promise<Organization> {
    return this.transport.json({ method: 'PUT', path: path(id), body: organization });
  }

  delete(id: string): Promise<DeleteOrganizationResponse> {
    return this.transport.json({ method: 'DELETE', path: path(id) });
  }

  getMetadata(id: string): Promise<OrganizationMetadata> {
    return this.transport.json({ method: 'GET', path: `${path(id)}/metadata` });
  }

  putMetadata(id: string, metadata: OrganizationMetadataInput): Promise<OrganizationMetadata> {
    return this.transport.json({ method: 'PUT', path: `${path(id)}/metadata`, body: metadata });
  }
}
