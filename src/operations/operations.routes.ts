import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { serviceUnavailable } from '../http/api-error.js';

const tags = ['Operations'];

/** Probes for orchestrators and the Prometheus scrape; none takes an API key and none shows tenant data. */
export const operationsRoutes: FastifyPluginAsync<{ registry: Registry }> = async (app, { registry }) => {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        summary: 'The process is up',
        tags,
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'readiness',
        summary: 'The database answers',
        description: 'A 503 while it does not.',
        tags,
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.db);
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed');
        throw serviceUnavailable('Database unavailable');
      }
      return { status: 'ready' as const };
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        tags,
        produces: ['text/plain'],
        response: { 200: z.string().describe('The Prometheus text exposition format') },
      },
    },
    async (_request, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()),
  );
};
