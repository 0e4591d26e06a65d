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
  ])('stops on %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
  });
});
