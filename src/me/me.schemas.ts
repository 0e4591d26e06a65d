import { z } from 'zod';

/**
 * What the calling key is: a client (the dashboard, say) learns from it which screens to offer
 * without having to provoke a 403. Each key sees only its own tenant or its own organization.
 */
export const meResponse = z.object({
  kind: z.enum(['tenant', 'organization']),
  key: z.object({ id: z.string(), name: z.string() }),
  /** For a tenant key; null for an organization key. */
  tenant: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** For an organization key, with the time zone its calls are counted in; null for a tenant key. */
  organization: z.object({ id: z.string(), name: z.string(), timezone: z.string() }).nullable(),
});
export type Me = z.infer<typeof meResponse>;
