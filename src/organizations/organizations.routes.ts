import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireTenantKey } from '../auth/organization-access.js';
import { notFound } from '../http/api-error.js';
import {
  changeOrganization,
  createOrganization,
  deleteOrganization,
  getMetadata,
  getOrganization,
  listOrganizationsPage,
  writeMetadata,
} from './organizations.service.js';
import {
  createOrganizationBody,
  deleteOrganizationResponse,
  listOrganizationsQuery,
  listOrganizationsResponse,
  MAX_METADATA_BYTES,
  metadataBody,
  metadataVersionSchema,
  organizationIdParams,
  organizationSchema,
  updateOrganizationBody,
} from './organizations.schemas.js';

/** Organizations belong to tenants: every route here takes a tenant key. */
export const organizationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', async (request) => requireTenantKey(request.principal));

  const actor = (principal: { tenantId: string; keyId: string }) => ({ tenantId: principal.tenantId, keyId: principal.keyId });

  app.get(
    '/api/organization',
    { schema: { querystring: listOrganizationsQuery, response: { 200: listOrganizationsResponse } } },
    async (request) => listOrganizationsPage(app.db, request.principal.tenantId, request.query),
  );

  app.post(
    '/api/organization',
    { schema: { body: createOrganizationBody, response: { 200: organizationSchema, 201: organizationSchema } } },
    async (request, reply) => {
      const { organization, created } = await createOrganization(app.db, app.clock, actor(request.principal), request.body);
      return reply.status(created ? 201 : 200).send(organization);
    },
  );

  app.get(
    '/api/organization/:id',
    { schema: { params: organizationIdParams, response: { 200: organizationSchema } } },
    async (request) => getOrganization(app.db, request.principal.tenantId, request.params.id),
  );

  app.put(
    '/api/organization/:id',
    { schema: { params: organizationIdParams, body: updateOrganizationBody, response: { 200: organizationSchema } } },
    async (request) => changeOrganization(app.db, app.clock, actor(request.principal), request.params.id, request.body),
  );

  app.delete(
    '/api/organization/:id',
    { schema: { params: organizationIdParams, response: { 200: deleteOrganizationResponse } } },
    async (request) => {
      await deleteOrganization(app.db, app.clock, actor(request.principal), request.params.id);
      app.apiKeys.forgetOrganization(request.params.id);
      return { message: 'Organization successfully deleted', organizationId: request.params.id };
    },
  );

  app.get(
    '/api/organization/:id/metadata',
    { schema: { params: organizationIdParams, response: { 200: metadataVersionSchema } } },
    async (request) => {
      const metadata = await getMetadata(app.db, request.principal.tenantId, request.params.id);
      if (metadata === undefined) throw notFound('Metadata not found');
      return metadata;
    },
  );

  app.put(
    '/api/organization/:id/metadata',
    {
      bodyLimit: MAX_METADATA_BYTES,
      schema: { params: organizationIdParams, body: metadataBody, response: { 200: metadataVersionSchema } },
    },
    async (request) => writeMetadata(app.db, app.clock, actor(request.principal), request.params.id, request.body),
  );
};
