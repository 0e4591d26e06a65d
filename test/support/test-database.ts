import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../src/config.js';
import type { BackendName } from './backends.js';
import { TEST_DATABASE_PREFIX, withAdminClient, withDatabaseName } from './postgres-admin.js';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A database of its own for one test file, so files can run side by side. */
export async function createTestDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'sqlite') {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-test-'));
    return {
      config: { kind: 'sqlite', path: path.join(directory, 'callbase.db') },
      drop: () => fs.rm(directory, { recursive: true, force: true }),
    };
  }
  const serverUrl = inject('postgresUrl');
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database "${name}"`));
  return {
    config: { kind: 'postgres', url: withDatabaseName(serverUrl, name), poolSize: 10 },
    drop: () => withAdminClient(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
