import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUsage } from '../db/database.js';

const LABELS = ['method', 'route', 'status_code'] as const;

/**
 * Prometheus metrics of one app: requests by route pattern (never the raw URL, which holds ids)
 * and status, their latency, the database pool, and the process itself.
 */
export function installMetrics(app: FastifyInstance, poolUsage: () => PoolUsage): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames: LABELS, registers: [registry] });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to answering it',
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections by state: open, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const usage = poolUsage();
      this.set({ state: 'open' }, usage.open);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });
  new Gauge({
    name: 'db_pool_size',
    help: 'Most database connections the pool may open',
    registers: [registry],
    collect() {
      this.set(poolUsage().size);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
  return registry;
}
