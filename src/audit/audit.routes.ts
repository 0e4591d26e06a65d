import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireTenantKey } from '../auth/organization-access.js';
import { listAuditQuery, listAuditResponse } from './audit.schemas.js';
import { listAuditPage } from './audit.service.js';

/** The tenant's audit log: who changed keys and organizations, and when. Tenant keys only. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      preValidation: async (request) => requireTenantKey(request.principal),
      schema: { querystring: listAuditQuery, response: { 200: listAuditResponse } },
    },
    async (request) => listAuditPage(app.db, request.principal.tenantId, request.query),
  );
};
