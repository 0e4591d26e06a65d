import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('works on a laptop with no settings at all: SQLite under ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      database: { kind: 'sqlite', path: path.resolve('data/callbase.db') },
      signingSecret: undefined,
      logLevel: 'info',
    });
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs and SQLite for a path', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', poolSize: 10, timeoutMs: 5000 });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db', DATABASE_POOL_SIZE: '3' }).database).toMatchObject({ kind: 'postgres', poolSize: 3 });
    expect(loadConfig({ DATABASE_URL: 'var/calls.db' }).database).toEqual({ kind: 'sqlite', path: path.resolve('var/calls.db'), timeoutMs: 5000 });
  });

  it('derives the public URL from the listening address unless told', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://calls.example.com/' }).publicUrl).toBe('https://calls.example.com');
  });

  it('has safe defaults for the limits, and reads the reliability settings', () => {
    const defaults = loadConfig({});
    expect(defaults.limits).toEqual({
      bodyBytes: 102_400,
      headerBytes: 16_384,
      queryLength: 2048,
      requestTimeoutMs: 30_000,
      requestsPerMinute: 1200,
      authFailuresPerMinute: 30,
    });
    expect(defaults).toMatchObject({ redis: undefined, apiKeyCacheSeconds: 10, corsOrigins: [], trustProxy: false, shutdownTimeoutMs: 15_000, countSplitAbove: 1024 });
    const custom = loadConfig({
      REDIS_URL: 'redis://cache:6379/2',
      CORS_ORIGINS: 'https://a.example, https://b.example:8443',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      API_KEY_CACHE_SECONDS: '0',
      COUNT_SPLIT_ABOVE: '64',
    });
    expect(custom).toMatchObject({
      redis: { url: 'redis://cache:6379/2', keyPrefix: 'callbase:' },
      corsOrigins: ['https://a.example', 'https://b.example:8443'],
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      apiKeyCacheSeconds: 0,
      countSplitAbove: 64,
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('keeps recordings in files under the data folder up to 200 MiB, and sweeps retention hourly, unless told', () => {
    expect(loadConfig({ DATA_DIR: 'var' })).toMatchObject({
      recordings: { storage: 'files', directory: path.resolve('var/recordings'), limitBytes: 200 * 1024 * 1024 },
      retentionSweepMs: 3_600_000,
    });
    expect(loadConfig({ RECORDING_STORAGE: 'database', RECORDINGS_DIR: '/srv/audio', RECORDING_LIMIT_BYTES: '1048576', RETENTION_SWEEP_MINUTES: '0' })).toMatchObject({
      recordings: { storage: 'database', directory: '/srv/audio', limitBytes: 1_048_576 },
      retentionSweepMs: 0,
    });
  });

  it('treats empty settings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/calls' }, 'DATABASE_URL'],
    [{ SIGNING_SECRET: 'short' }, 'SIGNING_SECRET'],
    [{ PUBLIC_URL: 'ftp://files.example.com' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ AUTH_FAILURES_PER_MINUTE: 'many' }, 'AUTH_FAILURES_PER_MINUTE'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
    [{ API_KEY_CACHE_SECONDS: '3600' }, 'API_KEY_CACHE_SECONDS'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES'],
    [{ MAX_HEADER_BYTES: 'big' }, 'MAX_HEADER_BYTES'],
    [{ MAX_QUERY_LENGTH: '-1' }, 'MAX_QUERY_LENGTH'],
    [{ REQUEST_TIMEOUT_MS: '5' }, 'REQUEST_TIMEOUT_MS'],
    [{ DATABASE_TIMEOUT_MS: 'soon' }, 'DATABASE_TIMEOUT_MS'],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ SHUTDOWN_TIMEOUT_MS: 'never' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ RECORDING_STORAGE: 's3' }, 'RECORDING_STORAGE'],
    [{ RECORDING_LIMIT_BYTES: '10' }, 'RECORDING_LIMIT_BYTES'],
    [{ RETENTION_SWEEP_MINUTES: '-5' }, 'RETENTION_SWEEP_MINUTES'],
    [{ COUNT_SPLIT_ABOVE: '0' }, 'COUNT_SPLIT_ABOVE'],
  ])('stops on %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
  });
});
