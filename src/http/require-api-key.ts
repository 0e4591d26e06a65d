import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/authenticate.js';

/**
 * Adds the API-key check to every route of the plugin it is called in. It runs on request, before
 * the body is read or anything is validated, so a caller without a key learns nothing else.
 */
export function requireApiKey(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    request.principal = await authenticate(app.db, app.clock, request.headers.authorization);
  });
}
