/**
 * The API's request and response types, taken from the very schemas the server validates and
 * serializes with, so the client cannot drift from the API. Type-only imports: none of the
 * server's code runs in the client.
 */
import type { z } from 'zod';
import type { createApiKeyBody, createdApiKeySchema, listApiKeysResponse, revokeApiKeyResponse } from '../api-keys/api-keys.schemas.js';
import type { listAuditQuery, listAuditResponse } from '../audit/audit.schemas.js';
import type { callStatsQuery, callStatsResponse } from '../calls/call-stats.schemas.js';
import type {
  callDetail,
  callSummary,
  createCallBody,
  exportCallsQuery,
  exportedCall,
  getCallQuery,
  listCallsQuery,
  listCallsResponse,
} from '../calls/calls.schemas.js';
import type { ErrorDetail } from '../http/error-body.js';
import type { meResponse } from '../me/me.schemas.js';
import type {
  createOrganizationBody,
  deleteOrganizationResponse,
  listOrganizationsQuery,
  listOrganizationsResponse,
  metadataBody,
  metadataVersionSchema,
  organizationSchema,
  updateOrganizationBody,
} from '../organizations/organizations.schemas.js';

export type { ErrorDetail };

export type ListCallsParams = z.input<typeof listCallsQuery>;
/** The export's filters and sort, for walking every matching call. */
export type CallFilters = Omit<ExportCallsParams, 'format'>;
export type ListCallsResponse = z.output<typeof listCallsResponse>;
export type CallSummary = z.output<typeof callSummary>;
export type GetCallParams = z.input<typeof getCallQuery>;
export type Call = z.output<typeof callDetail>;
export type CreateCallInput = z.input<typeof createCallBody>;
export type ExportCallsParams = z.input<typeof exportCallsQuery>;
export type ExportedCall = z.output<typeof exportedCall>;
export type CallStatsParams = z.input<typeof callStatsQuery>;
export type CallStats = z.output<typeof callStatsResponse>;

export type ListOrganizationsParams = z.input<typeof listOrganizationsQuery>;
export type ListOrganizationsResponse = z.output<typeof listOrganizationsResponse>;
export type Organization = z.output<typeof organizationSchema>;
export type CreateOrganizationInput = z.input<typeof createOrganizationBody>;
export type UpdateOrganizationInput = z.input<typeof updateOrganizationBody>;
export type DeleteOrganizationResponse = z.output<typeof deleteOrganizationResponse>;
export type OrganizationMetadataInput = z.input<typeof metadataBody>;
export type OrganizationMetadata = z.output<typeof metadataVersionSchema>;

export type CreateApiKeyInput = z.input<typeof createApiKeyBody>;
export type CreatedApiKey = z.output<typeof createdApiKeySchema>;
export type ListApiKeysResponse = z.output<typeof listApiKeysResponse>;
export type RevokeApiKeyResponse = z.output<typeof revokeApiKeyResponse>;

export type ListAuditParams = z.input<typeof listAuditQuery>;
export type ListAuditResponse = z.output<typeof listAuditResponse>;

export type Me = z.output<typeof meResponse>;
