import type { ApiKeyCache } from '../auth/api-key-cache.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { Transact } from '../db/commit-groups.js';
import type { Database } from '../db/database.js';
import type { RecordingStores } from '../recordings/recording-stores.js';
import type { Clock } from '../shared/clock.js';
import type { ArtifactLinks } from '../signing/artifact-links.js';
import type { RequestLimiter } from './rate-limits.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    /** Runs a write transaction; on SQLite concurrent ones share a commit. */
    transact: Transact;
    clock: Clock;
    links: ArtifactLinks;
    /** Verified keys; whatever revokes a key or deletes an organization must forget its entries. */
    apiKeys: ApiKeyCache;
    limiter: RequestLimiter;
    recordings: RecordingStores;
  }
  interface FastifyContextConfig {
    /** Set on every route registered under `requireApiKey`. */
    requiresApiKey?: boolean;
    /** Only tenant keys may call the route; an organization key is answered 403. */
    tenantOnly?: boolean;
  }
  interface FastifyRequest {
    /** Set by the API-key hook on every route that requires a key. */
    principal: Principal;
  }
}
