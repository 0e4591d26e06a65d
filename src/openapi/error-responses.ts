import type { RouteOptions } from 'fastify';
import type { ZodTypeAny } from 'zod';
import { errorBodySchema } from '../http/error-body.js';

const RETRY_AFTER = {
  'Retry-After': { type: 'integer', minimum: 1, description: 'Seconds to wait before trying again' },
};

const descriptions: Record<string, string> = {
  400: 'Invalid request data: `details` names each problem',
  401: 'No key, a scheme other than Bearer, or an unknown or revoked key: `Invalid or missing API key`',
  403: 'An organization key on a tenant-only endpoint',
  404: 'The organization or the resource does not exist, was deleted, or is outside the key’s reach',
  413: 'The request body is over its limit',
  429: 'The key is over its quota, or this address failed to authenticate too often',
  500: 'Internal server error occurred',
  503: 'The database cannot serve right now',
  default: 'Any other refusal, with the same body: 408 (request too slow), 414 (query too long), 415 (body of a type the endpoint does not take), 431 (headers too large)',
};

export interface ErrorResponse {
  description: string;
  schema: ZodTypeAny;
  headers?: typeof RETRY_AFTER;
}

/** What a route takes in, as far as its errors depend on it. */
export interface RouteTraits {
  route: RouteOptions;
  hasInput: boolean;
  hasBody: boolean;
  hasPathParams: boolean;
  namesOrganization: boolean;
}

/**
 * The error answers a route can give, read from what it is: every route may meet a broken or busy
 * database; one with input may refuse it; a keyed route checks the key and its quota; a tenant-only
 * route refuses organization keys; a route naming an organization or a resource may not find it.
 */
export function errorResponsesFor(traits: RouteTraits): Record<string, ErrorResponse> {
  const statuses: string[] = [];
  const config = traits.route.config ?? {};
  if (traits.hasInput) statuses.push('400');
  if (config.requiresApiKey === true) statuses.push('401');
  if (config.tenantOnly === true) statuses.push('403');
  if (traits.hasPathParams || traits.namesOrganization) statuses.push('404');
  if (traits.hasBody) statuses.push('413');
  if (config.requiresApiKey === true) statuses.push('429');
  statuses.push('500', '503', 'default');
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status]!,
        schema: errorBodySchema,
        ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
      },
    ]),
  );
}
