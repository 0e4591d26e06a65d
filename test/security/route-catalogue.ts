import { audioBody } from '../support/audio.js';
import { callBody, organizationBody } from '../support/fixtures.js';
import type { Target } from './security-world.js';

export interface RouteRequest {
  url: string;
  query?: Record<string, string>;
  /** JSON, or the raw bytes of a binary body (then `headers` names their type). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteCase {
  route: string;
  /** Only tenant keys may call it: an organization key gets a 403. */
  tenantOnly: boolean;
  /** A valid request aimed at the target's resources, or at none for collection routes. */
  request(target: Target): RouteRequest;
  /** What a key that cannot reach the target is told; undefined for routes that name no resource. */
  notFound?: string;
}

/** Every route that takes an API key. The security suite fails when a route is missing here. */
export const routeCatalogue: RouteCase[] = [
  {
    route: 'GET /api/calls',
    tenantOnly: false,
    request: (target) => ({ url: '/api/calls', query: { organizationId: target.organizationId } }),
    notFound: 'Organization not found',
  },
  {
    route: 'GET /api/calls/export',
    tenantOnly: false,
    request: (target) => ({ url: '/api/calls/export', query: { organizationId: target.organizationId } }),
    notFound: 'Organization not found',
  },
  {
    route: 'POST /api/calls',
    tenantOnly: false,
    request: (target) => ({ url: '/api/calls', body: callBody({ organizationId: target.organizationId }) }),
    notFound: 'Organization not found',
  },
  {
    route: 'GET /api/calls/stats',
    tenantOnly: false,
    request: (target) => ({ url: '/api/calls/stats', query: { organizationId: target.organizationId } }),
    notFound: 'Organization not found',
  },
  {
    route: 'GET /api/calls/:id',
    tenantOnly: false,
    request: (target) => ({ url: `/api/calls/${target.callId}` }),
    notFound: 'Call not found',
  },
  {
    route: 'PUT /api/calls/:id/recording',
    tenantOnly: false,
    request: (target) => ({ url: `/api/calls/${target.callId}/recording`, body: audioBody('audio/mpeg', 2048), headers: { 'content-type': 'audio/mpeg' } }),
    notFound: 'Call not found',
  },
  {
    route: 'DELETE /api/calls/:id',
    tenantOnly: false,
    request: (target) => ({ url: `/api/calls/${target.callId}` }),
    notFound: 'Call not found',
  },
  {
    route: 'GET /api/organization',
    tenantOnly: true,
    request: () => ({ url: '/api/organization' }),
  },
  {
    route: 'POST /api/organization',
    tenantOnly: true,
    request: () => ({ url: '/api/organization', body: organizationBody() }),
  },
  {
    route: 'GET /api/organization/:id',
    tenantOnly: true,
    request: (target) => ({ url: `/api/organization/${target.organizationId}` }),
    notFound: 'Organization not found',
  },
  {
    route: 'PUT /api/organization/:id',
    tenantOnly: true,
    request: (target) => ({ url: `/api/organization/${target.organizationId}`, body: { name: 'Renamed', email: 'new@clinic.example' } }),
    notFound: 'Organization not found',
  },
  {
    route: 'DELETE /api/organization/:id',
    tenantOnly: true,
    request: (target) => ({ url: `/api/organization/${target.organizationId}` }),
    notFound: 'Organization not found',
  },
  {
    route: 'GET /api/organization/:id/metadata',
    tenantOnly: true,
    request: (target) => ({ url: `/api/organization/${target.organizationId}/metadata` }),
    notFound: 'Organization not found',
  },
  {
    route: 'PUT /api/organization/:id/metadata',
    tenantOnly: true,
    request: (target) => ({ url: `/api/organization/${target.organizationId}/metadata`, body: { plan: 'platinum' } }),
    notFound: 'Organization not found',
  },
  {
    route: 'POST /api/api-keys',
    tenantOnly: false,
    request: (target) => ({ url: '/api/api-keys', body: { organizationId: target.organizationId, name: 'New key' } }),
    notFound: 'Organization not found',
  },
  {
    route: 'GET /api/api-keys',
    tenantOnly: false,
    request: (target) => ({ url: '/api/api-keys', query: { organizationId: target.organizationId } }),
    notFound: 'Organization not found',
  },
  {
    route: 'DELETE /api/api-keys/:id',
    tenantOnly: false,
    request: (target) => ({ url: `/api/api-keys/${target.keyId}` }),
    notFound: 'API key not found',
  },
  {
    route: 'GET /api/audit',
    tenantOnly: true,
    request: (target) => ({ url: '/api/audit', query: { organizationId: target.organizationId } }),
  },
  {
    route: 'GET /api/me',
    tenantOnly: false,
    request: () => ({ url: '/api/me' }),
  },
];

/** The API reference page and its files, as Swagger UI registers them; the OpenAPI document leaves them out. */
export const referencePageRoutes = [
  'GET /docs',
  'GET /docs/',
  'GET /docs/*',
  'GET /docs/json',
  'GET /docs/static/index.html',
  'GET /docs/static/swagger-initializer.js',
  'GET /docs/yaml',
];

/** Routes reached without an API key, each tested on its own terms. */
export const publicRoutes = [
  'GET /api/calls/:id/transcript',
  'GET /api/calls/:id/recording',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'OPTIONS *',
  'GET /api/openapi.json',
  ...referencePageRoutes,
  'GET *',
];
