import { z } from 'zod';
import { named } from '../openapi/annotations.js';
import { paginationSchema } from '../shared/pagination.js';
import { integerParam, isoDateTime, optionalParam, rangeInOrder } from '../shared/query-params.js';
import { text } from '../shared/text-fields.js';

export const auditActions = [
  'tenant.created',
  'tenant.metadata_schema_changed',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organization.metadata_updated',
  'api_key.created',
  'api_key.revoked',
  'call.deleted',
  'organization.calls_expired',
] as const;
export type AuditAction = (typeof auditActions)[number];
export type AuditTargetType = 'tenant' | 'organization' | 'api_key' | 'call';

export const listAuditQuery = z
  .object({
    page: integerParam({ min: 1, max: Number.MAX_SAFE_INTEGER, default: 1 }),
    limit: integerParam({ min: 1, max: 100, default: 20 }),
    organizationId: optionalParam(z.string().uuid()),
    action: optionalParam(z.enum(auditActions)),
    targetId: optionalParam(text().max(255)),
    from: optionalParam(isoDateTime),
    to: optionalParam(isoDateTime),
  })
  .superRefine(rangeInOrder);
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/** Who acted: one of the tenant's API keys, or the operator at the command line. */
const actorSchema = z.object({
  type: z.enum(['api_key', 'operator']),
  keyId: z.string().nullable(),
  keyName: z.string().nullable(),
  keyHint: z.string().nullable(),
});

export const auditEventSchema = named('AuditEvent', z.object({
  id: z.string(),
  organizationId: z.string().nullable(),
  actor: actorSchema,
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.unknown()).nullable(),
  createdAt: z.string(),
}));
export type AuditEventObject = z.infer<typeof auditEventSchema>;

export const listAuditResponse = z.object({ events: z.array(auditEventSchema), pagination: paginationSchema });
