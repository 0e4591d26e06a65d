import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { serviceUnavailable } from '../http/api-error.js';

/** Probes for orchestrators and the Prometheus scrape; none takes an API key and none shows tenant data. */
export const operationsRoutes: FastifyPluginAsync<{ registry: Registry }> = async (app, { registry }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async () => {
    try {
      await sql`select 1`.execute(app.db);
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check failed');
      throw serviceUnavailable('Database unavailable');
    }
    return { status: 'ready' };
  });

  app.get('/metrics', async (_request, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));
};
