import type { FastifyInstance } from 'fastify';
import { applyRetention } from './retention.service.js';

/** The first sweep comes soon after start, so frequent restarts cannot postpone retention forever. */
const FIRST_SWEEP_MAX_DELAY_MS = 60_000;

export interface RetentionSweeper {
  /** No further sweep starts; resolves once a sweep under way has finished. */
  stop(): Promise<void>;
}

/**
 * Runs retention inside the server every `intervalMs`, one sweep at a time, and logs what each
 * removed. Several instances may sweep at once: a call is deleted once, whoever gets there first.
 * Stop it before the database closes.
 */
export function startRetentionSweeper(app: FastifyInstance, intervalMs: number): RetentionSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const sweep = async () => {
    try {
      const outcome = await applyRetention(app.db, app.clock, app.recordings);
      app.log.info({ removed: outcome.removed, garbageRemoved: outcome.garbageRemoved, organizations: outcome.organizations.filter((o) => o.removed > 0) }, 'retention sweep');
    } catch (error) {
      app.log.error({ err: error }, 'retention sweep failed');
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = sweep().finally(() => {
        running = undefined;
        if (!closed) schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };

  schedule(Math.min(intervalMs, FIRST_SWEEP_MAX_DELAY_MS));
  return {
    stop: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
