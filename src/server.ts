import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/**
 * Starts listening. On SIGTERM or SIGINT it stops accepting requests, lets those in flight finish
 * (each write is committed before it is answered, so none that was acknowledged is lost), closes
 * the database, and exits; past the shutdown timeout it exits anyway, answering nothing further.
 */
export async function startServer(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(env);
  const app = await buildApp(config);
  const shutdown = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'requests still running at the shutdown timeout; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    // A connection whose last request finishes while we drain would otherwise stay open, idle, until
    // its keep-alive timeout, holding the shutdown up.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.listen({ host: config.host, port: config.port });
}
