import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { newTenant } from '../support/fixtures.js';
import { bearer } from '../support/http.js';
import { testConfig, UNLIMITED, useTestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

const redisUrl = inject('redisUrl');
const stores = redisUrl === '' ? ['in-process'] : ['in-process', 'redis'];

/** Each Redis variant counts under a prefix of its own, so runs never share counters. */
function storeConfig(store: string, prefix = `callbase-test:${randomUUID()}:`): Pick<Config, 'redis'> {
  return { redis: store === 'redis' ? { url: redisUrl, keyPrefix: prefix } : undefined };
}

async function redisKeys(pattern: string): Promise<string[]> {
  const client = new Redis(redisUrl);
  try {
    return await client.keys(pattern);
  } finally {
    client.disconnect();
  }
}

const limited = (requestsPerMinute: number, authFailuresPerMinute: number) => ({ ...UNLIMITED, requestsPerMinute, authFailuresPerMinute });

async function get(app: FastifyInstance, url: string, headers: Record<string, string>, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'GET', url, headers, remoteAddress });
}

describe.each(stores)('rate limits counted %s', (store) => {
  describe('per API key', () => {
    const prefix = `callbase-test:${randomUUID()}:`;
    const t = useTestApp('sqlite', { limits: limited(3, 1000), ...storeConfig(store, prefix) });

    it('answers with the quota, then 429 with Retry-After once it is spent, and counts each key apart', async () => {
      const tenant = await newTenant(t);
      const other = await newTenant(t, 'Other');
      const remaining: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await get(t.app, '/api/organization', bearer(tenant.apiKey));
        expect(response.statusCode).toBe(200);
        expect(response.headers['ratelimit-limit']).toBe('3');
        expect(response.headers['ratelimit-policy']).toBe('3;w=60');
        expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
        remaining.push(String(response.headers['ratelimit-remaining']));
      }
      expect(remaining).toEqual(['2', '1', '0']);

      const refused = await get(t.app, '/api/organization', bearer(tenant.apiKey));
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({ error: 'Too many requests for this API key' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.headers['ratelimit-remaining']).toBe('0');

      expect((await get(t.app, '/api/organization', bearer(other.apiKey))).statusCode).toBe(200);
      if (store === 'redis') expect(await redisKeys(`${prefix}*`)).toHaveLength(2);
    });
  });

  describe('failed authentication per client address', () => {
    const t = useTestApp('sqlite', { limits: limited(1000, 3), ...storeConfig(store) });

    it('turns an address away after repeated failures, even with a good key, and leaves other addresses alone', async () => {
      const tenant = await newTenant(t);
      const wrong = bearer('cbt_WrongWrongWrongWrongWrongWrongWrongWrong');
      for (let i = 0; i < 3; i += 1) expect((await get(t.app, '/api/organization', wrong, '203.0.113.7')).statusCode).toBe(401);

      const blocked = await get(t.app, '/api/organization', bearer(tenant.apiKey), '203.0.113.7');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toEqual({ error: 'Too many failed authentication attempts' });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      expect((await get(t.app, '/api/organization', bearer(tenant.apiKey), '203.0.113.8')).statusCode).toBe(200);
      expect((await get(t.app, '/api/organization', wrong, '203.0.113.8')).statusCode).toBe(401);
    });

    it('does not count successful requests', async () => {
      const tenant = await newTenant(t);
      for (let i = 0; i < 10; i += 1) expect((await get(t.app, '/api/organization', bearer(tenant.apiKey), '198.51.100.1')).statusCode).toBe(200);
    });
  });
});

describe.runIf(redisUrl !== '')('rate limits shared through Redis', () => {
  const apps: FastifyInstance[] = [];
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop?.();
  });

  /** Instances of one deployment: one database, one Redis. */
  async function deployment(count: number, config: Partial<Config>): Promise<FastifyInstance[]> {
    const database = await createTestDatabase('sqlite');
    drop = database.drop;
    for (let i = 0; i < count; i += 1) apps.push(await buildApp(testConfig(database.config, config)));
    return apps.slice(-count);
  }

  const tenantOf = (app: FastifyInstance) => createTenant(app.db, app.clock, 'Shared');

  it('adds up the requests of one key across instances', async () => {
    const [first, second] = (await deployment(2, { limits: limited(3, 1000), ...storeConfig('redis') })) as [FastifyInstance, FastifyInstance];
    const { apiKey } = await tenantOf(first);
    const statuses = [];
    for (const app of [first, second, first, second]) statuses.push((await get(app, '/api/organization', bearer(apiKey))).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps limiting in-process while Redis cannot be reached', async () => {
    const [app] = (await deployment(1, { limits: limited(2, 1000), redis: { url: 'redis://127.0.0.1:1', keyPrefix: 'unreachable:' } })) as [FastifyInstance];
    const { apiKey } = await tenantOf(app);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get(app, '/api/organization', bearer(apiKey))).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
