import { describe, expect, it } from 'vitest';
import { ApiKeyCache } from '../../src/auth/api-key-cache.js';
import { TestClock } from '../support/test-clock.js';

const key = { id: 'k1', tenant_id: 't1', organization_id: 'o1', last_used_at: null };

describe('ApiKeyCache', () => {
  it('does not keep a key whose lookup raced its revocation', async () => {
    const cache = new ApiKeyCache(10, new TestClock());
    let finishLookup: (value: typeof key) => void = () => undefined;
    const loading = cache.load('hash', () => new Promise((resolve) => (finishLookup = resolve)));
    cache.forgetKey('k1');
    finishLookup({ ...key });
    expect(await loading).toEqual(key);

    let lookups = 0;
    await cache.load('hash', async () => {
      lookups += 1;
      return undefined;
    });
    expect(lookups).toBe(1);
  });

  it('never keeps a key that failed to verify', async () => {
    const cache = new ApiKeyCache(10, new TestClock());
    let lookups = 0;
    const miss = async () => {
      lookups += 1;
      return undefined;
    };
    await cache.load('guess', miss);
    await cache.load('guess', miss);
    expect(lookups).toBe(2);
  });
});
