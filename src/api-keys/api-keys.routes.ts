import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reachOrganization } from '../auth/organization-access.js';
import { presentApiKey } from './api-key-presenter.js';
import { listKeys } from './api-keys.repository.js';
import {
  apiKeyIdParams,
  createApiKeyBody,
  createdApiKeySchema,
  listApiKeysQuery,
  listApiKeysResponse,
  revokeApiKeyResponse,
} from './api-keys.schemas.js';
import { createOrganizationKey, revokeOrganizationKey } from './api-keys.service.js';

/** Organization keys, managed by the tenant or by a key of the organization itself. */
export const apiKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        summary: 'Issue an organization key',
        description: 'The full key is in this answer only. At most 5 active keys per organization; a sixth is a 400.',
        tags: ['API keys'],
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const organization = await reachOrganization(app.db, principal, request.body.organizationId);
      const created = await createOrganizationKey(
        app.db,
        app.clock,
        { tenantId: principal.tenantId, organizationId: organization.id },
        request.body.name,
        principal.keyId,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        summary: "List an organization's keys, without their secrets",
        tags: ['API keys'],
        querystring: listApiKeysQuery,
        response: { 200: listApiKeysResponse },
      },
    },
    async (request) => {
      const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
      const keys = await listKeys(app.db, { tenantId: organization.tenant_id, organizationId: organization.id });
      return { apiKeys: keys.map(presentApiKey) };
    },
  );

  app.delete(
    '/api/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an organization key',
        description: 'It stops working at once.',
        tags: ['API keys'],
        params: apiKeyIdParams,
        response: { 200: revokeApiKeyResponse },
      },
    },
    async (request) => {
      await revokeOrganizationKey(app.db, app.clock, request.principal, request.params.id);
      app.apiKeys.forgetKey(request.params.id);
      return { message: 'API key successfully revoked', id: request.params.id };
    },
  );
};
