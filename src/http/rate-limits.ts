import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { StorageLog } from '../db/database.js';

const WINDOW_SECONDS = 60;

export interface QuotaState {
  limit: number;
  remaining: number;
  /** Seconds until the window starts afresh. */
  resetSeconds: number;
}

function counter(points: number, name: string, redis: { client: Redis; prefix: string } | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: name });
  if (redis === undefined) return memory;
  // While Redis is unreachable each instance counts on its own rather than refusing or waving everything through.
  return new RateLimiterRedis({
    storeClient: redis.client,
    points,
    duration: WINDOW_SECONDS,
    keyPrefix: `${redis.prefix}${name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

const secondsOf = (milliseconds: number) => Math.max(1, Math.ceil(milliseconds / 1000));

/**
 * Fixed one-minute windows: requests per API key, and failed authentications per client address.
 * Counters live in this process, or in Redis when several instances must share them.
 */
export class RequestLimiter {
  private constructor(
    private readonly perKey: RateLimiterAbstract,
    private readonly authFailures: RateLimiterAbstract,
    private readonly limits: Config['limits'],
    private readonly redis: Redis | undefined,
  ) {}

  /** Waits for Redis to answer or fail once, so the first requests are already counted where they should be. */
  static async create(config: Config, log: StorageLog): Promise<RequestLimiter> {
    const client =
      config.redis === undefined
        ? undefined
        : new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    client?.on('error', (error: Error) => log.warn({ err: error }, 'rate-limit store unreachable; counting in-process'));
    if (client !== undefined) {
      await new Promise((settle) => {
        client.once('ready', settle);
        client.once('error', settle);
      });
    }
    const redis = client === undefined || config.redis === undefined ? undefined : { client, prefix: config.redis.keyPrefix };
    return new RequestLimiter(
      counter(config.limits.requestsPerMinute, 'rl:key:', redis),
      counter(config.limits.authFailuresPerMinute, 'rl:auth-failure:', redis),
      config.limits,
      client,
    );
  }

  /** Counts one request against a key's quota. */
  async consumeForKey(keyId: string): Promise<{ allowed: boolean; quota: QuotaState }> {
    const outcome = await this.perKey.consume(keyId).then(
      (result) => ({ allowed: true, result }),
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) return { allowed: false, result: rejection };
        throw rejection;
      },
    );
    const { result } = outcome;
    return {
      allowed: outcome.allowed,
      quota: { limit: this.limits.requestsPerMinute, remaining: result.remainingPoints, resetSeconds: secondsOf(result.msBeforeNext) },
    };
  }

  /** Seconds an address must wait after too many failed authentications, or undefined when it may try. */
  async waitForAddress(address: string): Promise<number | undefined> {
    const state = await this.authFailures.get(address);
    return state !== null && state.consumedPoints >= this.limits.authFailuresPerMinute ? secondsOf(state.msBeforeNext) : undefined;
  }

  async noteAuthFailure(address: string): Promise<void> {
    await this.authFailures.consume(address).catch((rejection: unknown) => {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    });
  }

  async close(): Promise<void> {
    if (this.redis !== undefined) this.redis.disconnect();
  }
}

/** The IETF draft's RateLimit header fields, sent with every answer to a keyed request. */
export function quotaHeaders(quota: QuotaState): Record<string, string> {
  return {
    'ratelimit-limit': String(quota.limit),
    'ratelimit-remaining': String(quota.remaining),
    'ratelimit-reset': String(quota.resetSeconds),
    'ratelimit-policy': `${quota.limit};w=${WINDOW_SECONDS}`,
  };
}
