import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { TEST_DATABASE_PREFIX, testDatabaseUrl, withAdminClient } from './support/postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when no PostgreSQL server answered: the PostgreSQL runs are then skipped. */
    postgresUrl: string;
    /** Empty when no Redis answered: the Redis variants of the rate-limit tests are then skipped. */
    redisUrl: string;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Databases left by test processes that died before their cleanup ran. */
async function dropOrphanedDatabases(url: string): Promise<void> {
  await withAdminClient(url, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${TEST_DATABASE_PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
      if (Number.isInteger(pid) && !isRunning(pid)) {
        await client.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
      }
    }
  });
}

async function pingRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

async function provideRedis(project: TestProject): Promise<void> {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  try {
    await pingRedis(url);
    project.provide('redisUrl', url);
    console.log(`Rate-limit tests run in-process and on Redis (${url}).\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`CI=true requires the Redis run, but ${url} is not reachable: ${reason}`);
    project.provide('redisUrl', '');
    console.warn(`Redis SKIPPED: ${url} is not reachable (${reason}). Rate-limit tests run in-process only; set TEST_REDIS_URL to include Redis.\n`);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await provideRedis(project);
  const url = testDatabaseUrl();
  const shown = url.replace(/\/\/[^@/]*@/, '//');
  try {
    await dropOrphanedDatabases(url);
    project.provide('postgresUrl', url);
    console.log(`\nStorage tests run on SQLite and on PostgreSQL (${shown}).\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`CI=true requires the PostgreSQL run, but ${shown} is not reachable: ${reason}`);
    }
    project.provide('postgresUrl', '');
    console.warn(`\nPostgreSQL SKIPPED: ${shown} is not reachable (${reason}). Storage tests run on SQLite only; set TEST_DATABASE_URL to include PostgreSQL.\n`);
  }
}
