import type { Transport } from './transport.js';
import type { CreateApiKeyInput, CreatedApiKey, ListApiKeysResponse, RevokeApiKeyResponse } from './types.js';

/** Organization keys. */
export class ApiKeysResource {
  constructor(private readonly transport: Transport) {}

  /** Issues a key; `key` in the answer is the only time the secret is shown. */
  create(key: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.transport.json({ method: 'POST', path: '/api/api-keys', body: key });
  }

  list(organizationId: string): Promise<ListApiKeysResponse> {
    return this.transport.json({ method: 'GET', path: '/api/api-keys', query: { organizationId } });
  }

  revoke(id: string): Promise<RevokeApiKeyResponse> {
    return this.transport.json({ method: 'DELETE', path: `/api/api-keys/${encodeURIComponent(id)}` });
  }
}
