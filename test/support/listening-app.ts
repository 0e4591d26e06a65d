import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { freePort } from '../../bench/support.js';
import type { BackendName } from './backends.js';
import { testConfig } from './test-app.js';
import { createTestDatabase } from './test-database.js';

export interface ListeningApp {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/**
 * An app on a real loopback port, for what only a real socket shows: header limits, timeouts,
 * CORS, streams. Its PUBLIC_URL is its own address, so the links it signs point back to it.
 */
export async function listeningApp(
  overrides: Partial<Config> = {},
  { backend = 'sqlite', ...options }: AppOptions & { backend?: BackendName } = {},
): Promise<ListeningApp> {
  const database = await createTestDatabase(backend);
  const port = await freePort();
  const app = await buildApp(testConfig(database.config, { port, publicUrl: `http://127.0.0.1:${port}`, ...overrides }), options);
  const url = await app.listen({ host: '127.0.0.1', port });
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
