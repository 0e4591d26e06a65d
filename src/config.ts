import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_REFINE_ABOVE } from './calls/call-count-keys.js';

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string; timeoutMs?: number }
  | { kind: 'postgres'; url: string; poolSize: number; timeoutMs?: number };

/** Bounds on what one request may cost; each answers with a 4xx before any work is done. */
export interface RequestLimits {
  readonly bodyBytes: number;
  readonly headerBytes: number;
  readonly queryLength: number;
  /** Time a client has to send its whole request. */
  readonly requestTimeoutMs: number;
  /** Requests per key per minute. */
  readonly requestsPerMinute: number;
  /** Failed authentications per client address per minute, before the address must wait. */
  readonly authFailuresPerMinute: number;
}

export interface RedisConfig {
  readonly url: string;
  readonly keyPrefix: string;
}

export const recordingStorageKinds = ['files', 'database'] as const;

export interface RecordingsConfig {
  /** Where new uploads go; recordings already stored are read from wherever they were written. */
  readonly storage: (typeof recordingStorageKinds)[number];
  /** The folder of the files backend. */
  readonly directory: string;
  /** Largest recording accepted, in bytes. */
  readonly limitBytes: number;
}

/** Whose `X-Forwarded-For` is believed: nobody, any peer, or these addresses and CIDR ranges. */
export type TrustProxy = boolean | string[];

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  /** When unset, a secret is generated once and kept in the database, so links survive restarts. */
  readonly signingSecret: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly limits: RequestLimits;
  /** Shared rate-limit counters for several instances; in-process counters when unset. */
  readonly redis: RedisConfig | undefined;
  /** How long a verified key is trusted without asking the database again; 0 turns the cache off. */
  readonly apiKeyCacheSeconds: number;
  /** Browser origins allowed to call the API; empty keeps CORS closed. */
  readonly corsOrigins: readonly string[];
  readonly trustProxy: TrustProxy;
  /** How long SIGTERM waits for in-flight requests before the process gives up on them. */
  readonly shutdownTimeoutMs: number;
  readonly recordings: RecordingsConfig;
  /** Time between the server's retention sweeps; 0 leaves retention to `callbase retention run`. */
  readonly retentionSweepMs: number;
  /** Calls a coarse counter bucket (a month, a 64-second span of durations) holds before it is also counted finely. */
  readonly countSplitAbove: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce.number().int().min(0).max(65535);
const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const list = (text: string) => text.split(',').map((item) => item.trim()).filter((item) => item.length > 0);

const origin = z
  .string()
  .refine((value) => value === '*' || /^https?:\/\/[^/\s]+$/.test(value), 'each origin must be *, or http(s)://host[:port] without a path');

const trustProxy = z.string().transform((value, context): TrustProxy => {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  const addresses = list(value);
  if (addresses.every((address) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(address))) return addresses;
  context.addIssue({ code: z.ZodIssueCode.custom, message: 'expected true, false, or addresses and CIDR ranges' });
  return z.NEVER;
});

const environment = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: count(1, 500, 10),
  DATABASE_TIMEOUT_MS: count(100, 600_000, 5000),
  SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: count(1024, 100 * 1024 * 1024, 100 * 1024),
  MAX_HEADER_BYTES: count(1024, 1024 * 1024, 16 * 1024),
  MAX_QUERY_LENGTH: count(256, 1024 * 1024, 2048),
  REQUEST_TIMEOUT_MS: count(1000, 3_600_000, 30_000),
  RATE_LIMIT_PER_MINUTE: count(1, 10_000_000, 1200),
  AUTH_FAILURES_PER_MINUTE: count(1, 10_000_000, 30),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().max(100).default('callbase:'),
  API_KEY_CACHE_SECONDS: count(0, 300, 10),
  CORS_ORIGINS: z
    .string()
    .transform(list)
    .pipe(z.array(origin))
    .default(''),
  TRUST_PROXY: trustProxy.default('false'),
  SHUTDOWN_TIMEOUT_MS: count(0, 3_600_000, 15_000),
  RECORDING_STORAGE: z.enum(recordingStorageKinds).default('files'),
  RECORDINGS_DIR: z.string().min(1).optional(),
  RECORDING_LIMIT_BYTES: count(1024, 64 * 1024 * 1024 * 1024, 200 * 1024 * 1024),
  RETENTION_SWEEP_MINUTES: count(0, 7 * 24 * 60, 60),
  COUNT_SPLIT_ABOVE: count(1, 1_000_000, DEFAULT_REFINE_ABOVE),
});

type Environment = Record<string, string | undefined>;

function withoutEmptyValues(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

function databaseFrom(url: string | undefined, dataDir: string, poolSize: number, timeoutMs: number): DatabaseConfig {
  if (url === undefined) return { kind: 'sqlite', path: path.resolve(dataDir, 'callbase.db'), timeoutMs };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url, poolSize, timeoutMs };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigError('Invalid configuration: DATABASE_URL: expected a postgres:// or postgresql:// URL, or a SQLite file path');
  }
  return { kind: 'sqlite', path: url === ':memory:' ? url : path.resolve(url), timeoutMs };
}

/** Reads the settings once at start; a bad value stops the process with a message naming it. */
export function loadConfig(env: Environment = process.env): Config {
  const parsed = environment.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  const dataDir = path.resolve(settings.DATA_DIR);
  const listenHost = settings.HOST === '0.0.0.0' || settings.HOST === '::' ? '127.0.0.1' : settings.HOST;
  const publicHost = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return Object.freeze({
    host: settings.HOST,
    port: settings.PORT,
    publicUrl: (settings.PUBLIC_URL ?? `http://${publicHost}:${settings.PORT}`).replace(/\/+$/, ''),
    database: databaseFrom(settings.DATABASE_URL, dataDir, settings.DATABASE_POOL_SIZE, settings.DATABASE_TIMEOUT_MS),
    dataDir,
    signingSecret: settings.SIGNING_SECRET,
    logLevel: settings.LOG_LEVEL,
    limits: Object.freeze({
      bodyBytes: settings.BODY_LIMIT_BYTES,
      headerBytes: settings.MAX_HEADER_BYTES,
      queryLength: settings.MAX_QUERY_LENGTH,
      requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
      requestsPerMinute: settings.RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: settings.AUTH_FAILURES_PER_MINUTE,
    }),
    redis: settings.REDIS_URL === undefined ? undefined : Object.freeze({ url: settings.REDIS_URL, keyPrefix: settings.REDIS_KEY_PREFIX }),
    apiKeyCacheSeconds: settings.API_KEY_CACHE_SECONDS,
    corsOrigins: Object.freeze(settings.CORS_ORIGINS),
    trustProxy: settings.TRUST_PROXY,
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    recordings: Object.freeze({
      storage: settings.RECORDING_STORAGE,
      directory: path.resolve(settings.RECORDINGS_DIR ?? path.join(dataDir, 'recordings')),
      limitBytes: settings.RECORDING_LIMIT_BYTES,
    }),
    retentionSweepMs: settings.RETENTION_SWEEP_MINUTES * 60_000,
    countSplitAbove: settings.COUNT_SPLIT_ABOVE,
  });
}
