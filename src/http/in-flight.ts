import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface InFlight {
  /** Resolves once no handler is running, or after `timeoutMs` at the latest. */
  drained(timeoutMs: number): Promise<void>;
}

/**
 * Counts requests whose handlers may still be working. A request counts as done when its answer is
 * being sent (onSend), not when the client got it: a client that hung up does not stop its handler,
 * and the database must outlive that handler's last write. A streamed answer reads the database
 * until its last byte, so it counts until the response ends or closes.
 */
export function trackInFlight(app: FastifyInstance): InFlight {
  const running = new Set<FastifyRequest>();
  let waiters: Array<() => void> = [];
  const finish = (request: FastifyRequest) => {
    if (!running.delete(request) || running.size > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  app.addHook('onRequest', async (request) => {
    running.add(request);
  });
  // A streamed answer is still being produced while it is sent: it is done when the response is,
  // or when its client aborted it, which closes the response without onResponse ever firing.
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof (payload as { pipe?: unknown } | null)?.pipe !== 'function') finish(request);
    else reply.raw.once('close', () => finish(request));
  });
  app.addHook('onResponse', async (request) => finish(request));
  return {
    drained: (timeoutMs) =>
      running.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
  };
}
