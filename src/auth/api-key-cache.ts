import { LRUCache } from 'lru-cache';
import type { ActiveKey } from '../api-keys/api-keys.repository.js';
import type { Clock } from '../shared/clock.js';

const MAX_ENTRIES = 10_000;

/**
 * Verified keys by the SHA-256 of their plaintext, trusted for a few seconds so a burst of requests
 * costs one lookup. Revocations and organization deletions on this instance forget entries at
 * once; another instance (or the CLI) is seen when the entry expires. Only keys that verified are
 * kept: caching misses would let random guesses fill the memory.
 */
export class ApiKeyCache {
  private readonly entries: LRUCache<string, ActiveKey> | undefined;
  /** Bumped by every forget, so a lookup that raced a revocation does not put the key back. */
  private generation = 0;

  constructor(ttlSeconds: number, clock: Clock) {
    this.entries =
      ttlSeconds === 0
        ? undefined
        : new LRUCache<string, ActiveKey>({ max: MAX_ENTRIES, ttl: ttlSeconds * 1000, ttlResolution: 0, perf: { now: () => clock.now() } });
  }

  async load(keyHash: string, lookup: () => Promise<ActiveKey | undefined>): Promise<ActiveKey | undefined> {
    const cached = this.entries?.get(keyHash);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const key = await lookup();
    if (key !== undefined && generation === this.generation) this.entries?.set(keyHash, key);
    return key;
  }

  forgetKey(keyId: string): void {
    this.forgetWhere((key) => key.id === keyId);
  }

  forgetOrganization(organizationId: string): void {
    this.forgetWhere((key) => key.organization_id === organizationId);
  }

  private forgetWhere(matches: (key: ActiveKey) => boolean): void {
    this.generation += 1;
    if (this.entries === undefined) return;
    for (const [hash, key] of this.entries.entries()) {
      if (matches(key)) this.entries.delete(hash);
    }
  }
}
