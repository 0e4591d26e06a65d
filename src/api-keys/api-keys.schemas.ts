import { z } from 'zod';
import { named } from '../openapi/annotations.js';
import { requiredParam } from '../shared/query-params.js';
import { requiredText } from '../shared/text-fields.js';

export const MAX_ACTIVE_ORGANIZATION_KEYS = 5;

export const createApiKeyBody = z.object({
  organizationId: requiredParam(z.string()),
  name: requiredText(100),
});

/** Returned once, at creation: the only response that carries the full key. */
export const createdApiKeySchema = named('CreatedApiKey', z.object({
  id: z.string(),
  name: z.string(),
  organizationId: z.string(),
  key: z.string(),
  createdAt: z.string(),
}));

/** A key as listed: never the secret or its hash, only a fragment to recognise it by. */
export const apiKeySchema = named('ApiKey', z.object({
  id: z.string(),
  name: z.string(),
  organizationId: z.string().nullable(),
  keyHint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
}));
export type ApiKeyObject = z.infer<typeof apiKeySchema>;

export const listApiKeysQuery = z.object({ organizationId: requiredParam(z.string()) });
export const listApiKeysResponse = z.object({ apiKeys: z.array(apiKeySchema) });

export const apiKeyIdParams = z.object({ id: z.string() });
export const revokeApiKeyResponse = z.object({ message: z.string(), id: z.string() });
