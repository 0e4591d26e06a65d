import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { meResponse } from './me.schemas.js';
import { describeCaller } from './me.service.js';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/me', { schema: { response: { 200: meResponse } } }, async (request) => describeCaller(app.db, request.principal));
};
