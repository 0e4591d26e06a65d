import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Config, DatabaseConfig, RecordingsConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { BackendName } from './backends.js';
import { resetDatabase } from './reset-database.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_PUBLIC_URL = 'http://callbase.test';

/**
 * Tests send hundreds of requests a second from one address with a handful of keys, so the rate
 * limits are set out of reach here; the tests of the limits themselves lower them.
 */
export const UNLIMITED: Config['limits'] = {
  bodyBytes: 100 * 1024,
  headerBytes: 16 * 1024,
  queryLength: 2048,
  requestTimeoutMs: 30_000,
  requestsPerMinute: 1_000_000,
  authFailuresPerMinute: 1_000_000,
};

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  return {
    host: '127.0.0.1',
    port: 0,
    publicUrl: TEST_PUBLIC_URL,
    database,
    dataDir: '/nonexistent',
    signingSecret: 'test-signing-secret-test-signing-secret',
    logLevel: 'silent',
    limits: UNLIMITED,
    redis: undefined,
    apiKeyCacheSeconds: 10,
    corsOrigins: [],
    trustProxy: false,
    shutdownTimeoutMs: 15_000,
    recordings: { storage: 'files', directory: '/nonexistent/recordings', limitBytes: 200 * 1024 * 1024 },
    retentionSweepMs: 0,
    countSplitAbove: 1024,
    ...overrides,
  };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly clock: TestClock;
  readonly backend: BackendName;
}

/**
 * Builds the app once per test file on a database of its own, and empties that database before
 * every test, so a failing test leaves nothing behind for the next.
 */
export type TestOverrides = Partial<Omit<Config, 'recordings'>> & { recordings?: Partial<RecordingsConfig> };

export function useTestApp(backend: BackendName, overrides: TestOverrides = {}): TestApp {
  const clock = new TestClock();
  let database: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  /** The files backend of recordings writes here, in a folder of this test file's own. */
  let recordingsDir: string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    recordingsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-recordings-'));
    const recordings = { ...testConfig(database.config).recordings, directory: recordingsDir, ...overrides.recordings };
    app = await buildApp(testConfig(database.config, { ...overrides, recordings }), { clock });
  });

  beforeEach(async () => {
    clock.reset();
    await resetDatabase(app!.db);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (recordingsDir !== undefined) await fs.rm(recordingsDir, { recursive: true, force: true });
  });

  return {
    get app() {
      if (app === undefined) throw new Error('the test app is built in beforeAll');
      return app;
    },
    get db() {
      return this.app.db;
    },
    clock,
    backend,
  };
}
