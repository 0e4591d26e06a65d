import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reachOrganization } from '../auth/organization-access.js';
import { invalidField } from '../http/api-error.js';
import { presentCallDetail } from './call-presenter.js';
import { callScopeFor } from './call-scope.js';
import { getCallDetail, listCallsPage, recordCall } from './calls.service.js';
import { callDetail, callIdParams, createCallBody, getCallQuery, listCallsQuery, listCallsResponse } from './calls.schemas.js';

/** A long call's transcript can run to a few megabytes of JSON. */
const CREATE_CALL_BODY_LIMIT = 16 * 1024 * 1024;

export const callsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calls',
    { schema: { querystring: listCallsQuery, response: { 200: listCallsResponse } } },
    async (request) => {
      const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
      return listCallsPage(app.db, organization.id, request.query);
    },
  );

  app.get(
    '/api/calls/:id',
    { schema: { params: callIdParams, querystring: getCallQuery, response: { 200: callDetail } } },
    async (request) => {
      const scope = await callScopeFor(app.db, request.principal, request.query.organizationId);
      return getCallDetail(app.db, app.links, scope, request.params.id);
    },
  );

  app.post(
    '/api/calls',
    { bodyLimit: CREATE_CALL_BODY_LIMIT, schema: { body: createCallBody, response: { 200: callDetail, 201: callDetail } } },
    async (request, reply) => {
      const { principal } = request;
      const organizationId =
        request.body.organizationId ?? (principal.kind === 'organization' ? principal.organizationId : undefined);
      if (organizationId === undefined) throw invalidField('organizationId', 'Required', 'invalid_type');
      const organization = await reachOrganization(app.db, principal, organizationId);
      const writing = { db: app.db, clock: app.clock, transact: app.transact, countSplitAbove: app.config.countSplitAbove };
      const recorded = await recordCall(writing, organization.id, request.body);
      if (recorded.created) return reply.status(201).send(presentCallDetail(recorded.call, app.links));
      const call = await getCallDetail(app.db, app.links, { tenantId: principal.tenantId, organizationId: organization.id }, recorded.callId);
      return reply.status(200).send(call);
    },
  );
};
