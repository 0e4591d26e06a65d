import { ApiKeysResource } from './api-keys.js';
import { AuditResource } from './audit.js';
import { CallsResource } from './calls.js';
import { OperationsResource } from './operations.js';
import { OrganizationsResource } from './organizations.js';
import { Transport, type CallbaseOptions } from './transport.js';
import type { Me } from './types.js';

export { CallbaseConnectionError, CallbaseError } from './errors.js';
export type { CallsExport } from './calls.js';
export type { CallbaseOptions, RetryOptions } from './transport.js';
export type * from './types.js';

/**
 * A typed client of the callbase API, one resource per property:
 *
 *     const callbase = new Callbase({ url: 'http://127.0.0.1:3000', apiKey });
 *     for await (const call of callbase.calls.iterate({ organizationId })) console.log(call.id);
 */
export class Callbase {
  readonly calls: CallsResource;
  readonly organizations: OrganizationsResource;
  readonly apiKeys: ApiKeysResource;
  readonly audit: AuditResource;
  readonly operations: OperationsResource;
  private readonly transport: Transport;

  constructor(options: CallbaseOptions) {
    const transport = new Transport(options);
    this.transport = transport;
    this.calls = new CallsResource(transport);
    this.organizations = new OrganizationsResource(transport);
    this.apiKeys = new ApiKeysResource(transport);
    this.audit = new AuditResource(transport);
    this.operations = new OperationsResource(transport);
  }

  /** Which kind of key this client holds, and the tenant or organization it belongs to. */
  me(): Promise<Me> {
    return this.transport.json({ method: 'GET', path: '/api/me' });
  }
}
