/**
 * The API's own types, inferred from the schemas the server validates and serializes with, so the
 * dashboard and the server cannot drift apart. Type imports only: no schema code reaches the page.
 */
import type { z } from 'zod';
import type { apiKeySchema, createdApiKeySchema, listApiKeysResponse } from '../../../src/api-keys/api-keys.schemas.js';
import type { CallStats } from '../../../src/calls/call-stats.schemas.js';
import type { CallDetail, CallSummary, listCallsResponse } from '../../../src/calls/calls.schemas.js';
import type { Me } from '../../../src/me/me.schemas.js';
import type {
  createOrganizationBody,
  listOrganizationsResponse,
  OrganizationObject,
  updateOrganizationBody,
} from '../../../src/organizations/organizations.schemas.js';

export type { CallDetail, CallStats, CallSummary, Me };
export type Organization = OrganizationObject;
export type CallList = z.infer<typeof listCallsResponse>;
export type OrganizationList = z.infer<typeof listOrganizationsResponse>;
export type OrganizationInput = z.input<typeof createOrganizationBody>;
export type OrganizationChanges = z.input<typeof updateOrganizationBody>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type ApiKeyList = z.infer<typeof listApiKeysResponse>;
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** The part of an organization every screen needs: what to call it and which clock its calls keep. */
export interface OrganizationRef {
  id: string;
  name: string;
  timezone: string;
}
