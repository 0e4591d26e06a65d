import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditQuery, listAuditResponse } from './audit.schemas.js';
import { listAuditPage } from './audit.service.js';

/** The tenant's audit log: who changed keys and organizations, and when. Tenant keys only. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { tenantOnly: true },
      schema: {
        operationId: 'listAuditEvents',
        summary: "The tenant's audit log, newest first",
        tags: ['Audit'],
        querystring: listAuditQuery,
        response: { 200: listAuditResponse },
      },
    },
    async (request) => listAuditPage(app.db, request.principal.tenantId, request.query),
  );
};
