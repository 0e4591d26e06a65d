import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, tenantOnly: true };
  });

  const actor = (principal: { tenantId: string; keyId: string }) => ({ tenantId: principal.tenantId, keyId: principal.keyId });

  app.get(
    '/api/organization',
    {
      schema: {
        operationId: 'listOrganizations',
        summary: "List the tenant's organizations",
        tags: ['Organizations'],
        querystring: listOrganizationsQuery,
        response: { 200: listOrganizationsResponse },
      },
    },
    async (request) => listOrganizationsPage(app.db, request.principal.tenantId, request.query),
  );

  app.post(
    '/api/organization',
    {
      schema: {
        operationId: 'createOrganization',
        summary: 'Create an organization',
        description: 'Answers 201 with the organization; 200 with the stored one when the tenant already holds its `externalId`.',
        tags: ['Organizations'],
        body: createOrganizationBody,
        response: { 200: organizationSchema.describe('Already stored under this externalId'), 201: organizationSchema.describe('Created') },
      },
    },
    async (request, reply) => {
      const { organization, created } = await createOrganization(app.db, app.clock, actor(request.principal), request.body);
      return reply.status(created ? 201 : 200).send(organization);
    },
  );

  app.get(
    '/api/organization/:id',
    {
      schema: {
        operationId: 'getOrganization',
        summary: 'Get an organization',
        tags: ['Organizations'],
        params: organizationIdParams,
        response: { 200: organizationSchema },
      },
    },
    async (request) => getOrganization(app.db, request.principal.tenantId, request.params.id),
  );

  app.put(
    '/api/organization/:id',
    {
      schema: {
        operationId: 'updateOrganization',
        summary: 'Update an organization',
        description: '`name` and `email` are required; any other field given replaces the stored one, any left out is kept.',
        tags: ['Organizations'],
        params: organizationIdParams,
        body: updateOrganizationBody,
        response: { 200: organizationSchema },
      },
    },
    async (request) => changeOrganization(app.db, app.clock, actor(request.principal), request.params.id, request.body),
  );

  app.delete(
    '/api/organization/:id',
    {
      schema: {
        operationId: 'deleteOrganization',
        summary: 'Delete an organization',
        description: 'A soft delete: the organization, its calls and its keys stop answering at once.',
        tags: ['Organizations'],
        params: organizationIdParams,
        response: { 200: deleteOrganizationResponse },
      },
    },
    async (request) => {
      await deleteOrganization(app.db, app.clock, actor(request.principal), request.params.id);
      app.apiKeys.forgetOrganization(request.params.id);
      return { message: 'Organization successfully deleted', organizationId: request.params.id };
    },
  );

  app.get(
    '/api/organization/:id/metadata',
    {
      schema: {
        operationId: 'getOrganizationMetadata',
        summary: "An organization's latest metadata",
        tags: ['Organizations'],
        params: organizationIdParams,
        response: { 200: metadataVersionSchema },
      },
    },
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
      schema: {
        operationId: 'putOrganizationMetadata',
        summary: "Replace an organization's metadata",
        description: "Stores a new version; it must match the tenant's metadata JSON Schema when one is set.",
        tags: ['Organizations'],
        params: organizationIdParams,
        body: metadataBody,
        response: { 200: metadataVersionSchema },
      },
    },
    async (request) => writeMetadata(app.db, app.clock, actor(request.principal), request.params.id, request.body),
  );
};
