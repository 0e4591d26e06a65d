import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, callNotFound } from '../http/api-error.js';
import { errorBodySchema } from '../http/error-body.js';
import { documentedAs } from '../openapi/annotations.js';
import { findTranscriptOfLiveCall } from './calls.repository.js';
import { callIdParams } from './calls.schemas.js';
import { transcriptText } from './transcripts.js';

/** Checked by the signature, not by the schema: a bad or missing value is a 403 like any invalid link. */
const signedLinkQuery = z.object({
  expires: documentedAs({ type: 'string' }, z.unknown()).describe('When the link expires, as the pre-signed link gives it'),
  signature: documentedAs({ type: 'string' }, z.unknown()).describe("The link's signature, as the pre-signed link gives it"),
});

const invalidLink = () => new ApiError('forbidden', 'This link is invalid or has expired');

/** Artifacts reached through pre-signed links: the signature stands in for an API key. */
export const callArtifactsRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = {
    operationId: 'getCallTranscript',
    summary: "A call's transcript",
    description: 'The transcript as plain text, through the pre-signed `transcriptUrl` of Get Call: the signature stands in for an API key.',
    tags: ['Calls'],
    params: callIdParams,
    querystring: signedLinkQuery,
    produces: ['text/plain'],
    response: {
      200: z.string().describe('The transcript, one line per turn'),
      403: errorBodySchema.describe('The link is invalid or has expired'),
    },
  };
  app.get('/api/calls/:id/transcript', { schema }, async (request, reply) => {
    const { id } = request.params;
    if (!app.links.isValid(id, 'transcript', request.query.expires, request.query.signature)) throw invalidLink();
    const transcript = await findTranscriptOfLiveCall(app.db, id);
    if (transcript === undefined) throw callNotFound();
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename="call-${id}-transcript.txt"`)
      .header('x-content-type-options', 'nosniff')
      .send(transcriptText(transcript.format, transcript.content));
  });
};
