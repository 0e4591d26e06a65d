import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reachOrganization } from '../auth/organization-access.js';
import { invalidField } from '../http/api-error.js';
import { documentedAs } from '../openapi/annotations.js';
import { deleteCall } from './call-deletion.service.js';
import { countCallExport, exportMediaTypes, exportStream, startCallExport } from './call-export.js';
import { presentCallDetail } from './call-presenter.js';
import { callScopeFor } from './call-scope.js';
import { callStatsQuery, callStatsResponse } from './call-stats.schemas.js';
import { callStatistics } from './call-stats.service.js';
import { getCallDetail, listCallsPage, recordCall } from './calls.service.js';
import { callDetail, callIdParams, createCallBody, exportCallsQuery, getCallQuery, listCallsQuery, listCallsResponse, oneCallQuery, type ExportFormat } from './calls.schemas.js';

/** The export's answer is a stream the handler builds; the document shows it as the text it carries. */
const exportedFile = documentedAs(
  { type: 'string' },
  z.instanceof(Readable).describe('CSV: a header row naming the fields, then one call per row. NDJSON: one ExportedCall object per line.'),
);

/** A long call's transcript can run to a few megabytes of JSON. */
const CREATE_CALL_BODY_LIMIT = 16 * 1024 * 1024;

export const callsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calls',
    {
      schema: {
        operationId: 'listCalls',
        summary: 'List Calls',
        description:
          "A page of an organization's calls, basic fields only; Get Call has the details. A tenant key or the organization's own key; `organizationId` is required either way.",
        tags: ['Calls'],
        querystring: listCallsQuery,
        response: { 200: listCallsResponse },
      },
    },
    async (request) => {
      const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
      return listCallsPage(app.db, organization.id, request.query);
    },
  );

  app.get(
    '/api/calls/stats',
    {
      schema: {
        operationId: 'getCallStats',
        summary: 'Call statistics',
        description:
          "Figures over the calls List Calls' filters select: calls per day by type (days in the organization's time zone), shares by intent and by sentiment, average and 90th-percentile (nearest-rank) duration, and the same per agent. The range may be of any length: the work grows with the days that hold calls, not with the days the range spans.",
        tags: ['Calls'],
        querystring: callStatsQuery,
        response: { 200: callStatsResponse },
      },
    },
    async (request) => {
      const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
      return callStatistics(app.db, organization, request.query);
    },
  );

  const exportSchema = {
    operationId: 'exportCalls',
    summary: 'Export calls',
    description:
      "Every call matching List Calls' filters, in its sort order, without pages, streamed as CSV or NDJSON: the fields of Get Call without its links (the ExportedCall model). The export holds the calls recorded up to the moment it began; `X-Total-Count` says how many. A failure midway cuts the connection rather than ending the file early. HEAD answers the same headers from a count, without streaming the calls.",
    tags: ['Calls'],
    querystring: exportCallsQuery,
    produces: ['text/csv', 'application/x-ndjson'],
    response: { 200: exportedFile },
  };
  /** The headers of the export's answer, the same for GET and HEAD. */
  const describeExport = (reply: FastifyReply, organizationId: string, format: ExportFormat, total: number) =>
    reply
      .header('content-type', exportMediaTypes[format])
      .header('content-disposition', `attachment; filename="calls-${organizationId}.${format}"`)
      .header('x-total-count', String(total));
  // Declared before GET, so Fastify does not derive a HEAD that runs GET and walks every call only to discard it.
  app.head('/api/calls/export', { schema: exportSchema }, async (request, reply) => {
    const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
    const total = await countCallExport(app.db, organization.id, request.query, app.clock.now());
    return describeExport(reply, organization.id, request.query.format, total).send();
  });
  app.get('/api/calls/export', { schema: exportSchema }, async (request, reply) => {
    const organization = await reachOrganization(app.db, request.principal, request.query.organizationId);
    const { format } = request.query;
    const exported = await startCallExport(app.db, organization.id, request.query, app.clock.now());
    return describeExport(reply, organization.id, format, exported.total).send(exportStream(exported.calls, format));
  });

  app.get(
    '/api/calls/:id',
    {
      schema: {
        operationId: 'getCall',
        summary: 'Get Call',
        description: 'One call with every detail; `transcriptUrl` and `recordingUrl` are pre-signed links valid for one hour, or null.',
        tags: ['Calls'],
        params: callIdParams,
        querystring: getCallQuery,
        response: { 200: callDetail },
      },
    },
    async (request) => {
      const scope = await callScopeFor(app.db, request.principal, request.query.organizationId);
      return getCallDetail(app.db, app.links, scope, request.params.id, { transcript: request.query.include === 'transcript' });
    },
  );

  app.post(
    '/api/calls',
    {
      bodyLimit: CREATE_CALL_BODY_LIMIT,
      schema: {
        operationId: 'createCall',
        summary: 'Record a finished call',
        description:
          'Stores a finished call and answers 201 with it. Idempotent on `externalId`: posting one the organization already holds answers 200 with the stored call and creates nothing. With an organization key `organizationId` may be left out.',
        tags: ['Calls'],
        body: createCallBody,
        response: { 200: callDetail.describe('Already stored under this externalId: the stored call'), 201: callDetail.describe('Stored') },
      },
    },
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

  app.delete(
    '/api/calls/:id',
    {
      schema: {
        operationId: 'deleteCall',
        summary: 'Delete a call',
        description:
          'Removes the call with its transcript, recording and search entry in one audited transaction; its signed links stop working at once. A second delete is a 404.',
        tags: ['Calls'],
        params: callIdParams,
        querystring: oneCallQuery,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      const scope = await callScopeFor(app.db, request.principal, request.query.organizationId);
      await deleteCall(app.db, app.clock, app.recordings, request.principal, scope, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
