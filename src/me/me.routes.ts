import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { meResponse } from './me.schemas.js';
import { describeCaller } from './me.service.js';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me',
    {
      schema: {
        operationId: 'getMe',
        summary: 'Who is calling',
        description: "Which kind of key made the request; an organization key also learns its organization's name and time zone.",
        tags: ['API keys'],
        response: { 200: meResponse },
      },
    },
    async (request) => describeCaller(app.db, request.principal),
  );
};
