import type { Transport } from './transport.js';

/** The probes and metrics, which take no key. */
export class OperationsResource {
  constructor(private readonly transport: Transport) {}

  health(): Promise<{ status: 'ok' }> {
    return this.transport.json({ method: 'GET', path: '/healthz' });
  }

  /** Resolves when the database answers; a CallbaseError with status 503 (after the retries) when it does not. */
  readiness(): Promise<{ status: 'ready' }> {
    return this.transport.json({ method: 'GET', path: '/readyz' });
  }

  /** The Prometheus text exposition. */
  async metrics(): Promise<string> {
    return (await this.transport.send({ method: 'GET', path: '/metrics' })).text();
  }
}
