import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { testConfig } from './test-app.js';
import { createTestDatabase } from './test-database.js';

export interface ListeningApp {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** An app on a real loopback port, for what only a real socket shows: header limits, timeouts, CORS. */
export async function listeningApp(overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<ListeningApp> {
  const database = await createTestDatabase('sqlite');
  const app = await buildApp(testConfig(database.config, overrides), options);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
