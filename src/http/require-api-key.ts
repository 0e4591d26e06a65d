import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/authenticate.js';
import { requireTenantKey } from '../auth/organization-access.js';
import { ApiError, tooManyRequests } from './api-error.js';
import { quotaHeaders } from './rate-limits.js';

/**
 * Adds the API-key check to every route of the plugin it is called in. It runs on request, before
 * the body is read or anything is validated, so a caller without a key learns nothing else. An
 * address that keeps failing is turned away before its key is even looked at, so guessing stays
 * slow; a key that verifies is then held to its own quota. A route marked `tenantOnly` refuses
 * organization keys there too, before the body is read or validated, so a bad body never turns that
 * 403 into a 400, 413 or 415. Both marks are route config, so the OpenAPI
 * document reads who may call a route from the same place that enforces it.
 */
export function requireApiKey(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, requiresApiKey: true };
  });
  app.addHook('onRequest', async (request, reply) => {
    // Answers carry patients' data: no shared cache or browser history may keep them.
    reply.header('cache-control', 'no-store');
    const wait = await app.limiter.waitForAddress(request.ip);
    if (wait !== undefined) throw tooManyRequests('Too many failed authentication attempts', wait);
    try {
      request.principal = await authenticate({ db: app.db, clock: app.clock, cache: app.apiKeys }, request.headers.authorization);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unauthorized') await app.limiter.noteAuthFailure(request.ip);
      throw error;
    }
    const { allowed, quota } = await app.limiter.consumeForKey(request.principal.keyId);
    reply.headers(quotaHeaders(quota));
    if (!allowed) throw tooManyRequests('Too many requests for this API key', quota.resetSeconds);
    if (request.routeOptions.config.tenantOnly === true) requireTenantKey(request.principal);
  });
}
