import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiKeysRoutes } from './api-keys/api-keys.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { callArtifactsRoutes } from './calls/call-artifacts.routes.js';
import { callsRoutes } from './calls/calls.routes.js';
import type { Config } from './config.js';
import { transactFor } from './db/commit-groups.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { answerClientError } from './http/client-errors.js';
import { installErrorHandling } from './http/error-handler.js';
import { trackInFlight } from './http/in-flight.js';
import './http/fastify-context.js';
import { RequestLimiter } from './http/rate-limits.js';
import { boundedQueryParser, refuseLongQueries } from './http/request-limits.js';
import { requestIdFor } from './http/request-id.js';
import { requireApiKey } from './http/require-api-key.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { meRoutes } from './me/me.routes.js';
import { installOpenApi, openApiRoutes } from './openapi/openapi-document.js';
import { referencePage } from './openapi/reference-page.js';
import { installMetrics } from './operations/metrics.js';
import { operationsRoutes } from './operations/operations.routes.js';
import { organizationsRoutes } from './organizations/organizations.routes.js';
import { RecordingStores } from './recordings/recording-stores.js';
import { recordingsRoutes } from './recordings/recordings.routes.js';
import { systemClock, type Clock } from './shared/clock.js';
import { ArtifactLinks } from './signing/artifact-links.js';
import { startRetentionSweeper, type RetentionSweeper } from './retention/retention-sweeper.js';
import { resolveSigningSecret } from './signing/signing-secret.js';

export interface AppOptions {
  clock?: Clock;
  /** Where log lines go instead of stdout; tests read them back. */
  logStream?: NodeJS.WritableStream;
  /** The built dashboard's folder, when not the one `npm run build` writes. */
  dashboardDir?: string;
}

/** Keys are never logged: not the header, nor anything that might carry one. */
const REDACTED = ['req.headers.authorization', 'headers.authorization', '*.headers.authorization', 'apiKey', '*.apiKey', 'key', '*.key'];

/** Builds the whole service from its configuration; the server, the CLI and the tests all start here. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const { limits } = config;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED, censor: '[redacted]' },
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
    },
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      maxHeaderSize: limits.headerBytes,
      // Node ignores the request timeout while the headers timeout is longer, and checks for overdue
      // requests on an interval whose default of 30 s would stretch the limit.
      headersTimeout: Math.min(60_000, limits.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(5000, limits.requestTimeoutMs / 2),
    },
    trustProxy: config.trustProxy,
    routerOptions: { querystringParser: boundedQueryParser(limits) },
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // The API takes JSON; anything else is a 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const inFlight = trackInFlight(app);
  refuseLongQueries(app, limits);
  await installSecurityHeaders(app, config);

  const { db, usage } = openDatabase(config.database, app.log);
  const limiter = await RequestLimiter.create(config, app.log);
  let sweeper: RetentionSweeper | undefined;
  app.addHook('onClose', async () => {
    await inFlight.drained(config.shutdownTimeoutMs);
    await sweeper?.stop();
    await limiter.close();
    await db.destroy();
  });
  await migrateToLatest(db);
  const clock = options.clock ?? systemClock;
  const secret = await resolveSigningSecret(db, config.signingSecret);

  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('transact', transactFor(db));
  app.decorate('clock', clock);
  app.decorate('links', new ArtifactLinks(secret, config.publicUrl, clock));
  app.decorate('apiKeys', new ApiKeyCache(config.apiKeyCacheSeconds, clock));
  app.decorate('limiter', limiter);
  app.decorate('recordings', new RecordingStores(db, clock, config.recordings));
  app.decorateRequest('principal', null as never);

  await installOpenApi(app, config);
  const registry = installMetrics(app, usage);
  await app.register(operationsRoutes, { registry });
  await app.register(openApiRoutes);
  await app.register(referencePage, { publicUrl: config.publicUrl });
  await app.register(callArtifactsRoutes);
  await app.register(async (api) => {
    requireApiKey(api);
    await api.register(callsRoutes);
    await api.register(recordingsRoutes);
    await api.register(organizationsRoutes);
    await api.register(apiKeysRoutes);
    await api.register(auditRoutes);
    await api.register(meRoutes);
  });
  if (config.retentionSweepMs > 0) sweeper = startRetentionSweeper(app, config.retentionSweepMs);
  await app.register(dashboardRoutes, { root: options.dashboardDir });
  return app;
}
