import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callScopeFor } from '../calls/call-scope.js';
import { findReachableCall, getCallDetail } from '../calls/calls.service.js';
import { callDetail, callIdParams, oneCallQuery } from '../calls/calls.schemas.js';
import { audioTypes } from './audio-formats.js';
import { storeRecording } from './recordings.service.js';

const isStream = (body: unknown): body is AsyncIterable<Buffer> =>
  typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

/** Uploading a call's recording; it is read back through the signed link of Get Call. */
export const recordingsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Audio is handed to the handler unread, as a stream, so no recording is ever held whole in memory.
  app.addContentTypeParser(/^audio\//i, (_request, payload, done) => done(null, payload));
  app.addHook('onRequestAbort', async (request) => {
    request.log.info('the client closed the connection before its request was answered');
  });

  app.put(
    '/api/calls/:id/recording',
    {
      schema: {
        operationId: 'putCallRecording',
        summary: "Upload a call's recording",
        description:
          "The audio as the raw body, its format named by Content-Type and checked from its first bytes (415 when they disagree); over RECORDING_LIMIT_BYTES is a 413. A replacement is atomic. Answers the call, whose recordingUrl now links to this recording.",
        tags: ['Calls'],
        params: callIdParams,
        querystring: oneCallQuery,
        consumes: [...audioTypes],
        response: { 200: callDetail.describe('The recording replaced an earlier one'), 201: callDetail.describe('The call\'s first recording') },
      },
    },
    async (request, reply) => {
      const scope = await callScopeFor(app.db, request.principal, request.query.organizationId);
      const call = await findReachableCall(app.db, scope, request.params.id);
      const { created } = await storeRecording(app.db, app.clock, app.recordings, { organizationId: call.organization_id, callId: call.id }, {
        contentType: request.headers['content-type'],
        contentLength: request.headers['content-length'],
        body: isStream(request.body) ? request.body : undefined,
        cutOff: () => request.raw.readableAborted,
      });
      const detail = await getCallDetail(app.db, app.links, scope, call.id);
      return reply.status(created ? 201 : 200).send(detail);
    },
  );
};
