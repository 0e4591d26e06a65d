import type { Transport } from './transport.js';
import type { ListAuditParams, ListAuditResponse } from './types.js';

/** The tenant's audit log: tenant keys only. */
export class AuditResource {
  constructor(private readonly transport: Transport) {}

  list(params: ListAuditParams = {}): Promise<ListAuditResponse> {
    return this.transport.json({ method: 'GET', path: '/api/audit', query: params });
  }
}
