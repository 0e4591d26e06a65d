import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiKeysRoutes } from './api-keys/api-keys.routes.js';
import { callArtifactsRoutes } from './calls/call-artifacts.routes.js';
import { callsRoutes } from './calls/calls.routes.js';
import type { Config } from './config.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { organizationsRoutes } from './organizations/organizations.routes.js';
import { installErrorHandling } from './http/error-handler.js';
import './http/fastify-context.js';
import { requestIdFor } from './http/request-id.js';
import { requireApiKey } from './http/require-api-key.js';
import { systemClock, type Clock } from './shared/clock.js';
import { ArtifactLinks } from './signing/artifact-links.js';
import { resolveSigningSecret } from './signing/signing-secret.js';

export interface AppOptions {
  clock?: Clock;
}

/** Builds the whole service from its configuration; the server, the CLI and the tests all start here. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // The API takes JSON; anything else is a 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = createDatabase(config.database, app.log);
  app.addHook('onClose', async () => db.destroy());
  await migrateToLatest(db);
  const clock = options.clock ?? systemClock;
  const secret = await resolveSigningSecret(db, config.signingSecret);

  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('clock', clock);
  app.decorate('links', new ArtifactLinks(secret, config.publicUrl, clock));
  app.decorateRequest('principal', null as never);

  await app.register(callArtifactsRoutes);
  await app.register(async (api) => {
    requireApiKey(api);
    await api.register(callsRoutes);
    await api.register(organizationsRoutes);
    await api.register(apiKeysRoutes);
  });
  return app;
}
