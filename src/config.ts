import path from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  /** When unset, a secret is generated once and kept in the database, so links survive restarts. */
  readonly signingSecret: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce.number().int().min(0).max(65535);

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
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

type Environment = Record<string, string | undefined>;

function withoutEmptyValues(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

function databaseFrom(url: string | undefined, dataDir: string, poolSize: number): DatabaseConfig {
  if (url === undefined) return { kind: 'sqlite', path: path.resolve(dataDir, 'callbase.db') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url, poolSize };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigError('Invalid configuration: DATABASE_URL: expected a postgres:// or postgresql:// URL, or a SQLite file path');
  }
  return { kind: 'sqlite', path: url === ':memory:' ? url : path.resolve(url) };
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
    database: databaseFrom(settings.DATABASE_URL, dataDir, settings.DATABASE_POOL_SIZE),
    dataDir,
    signingSecret: settings.SIGNING_SECRET,
    logLevel: settings.LOG_LEVEL,
  });
}
