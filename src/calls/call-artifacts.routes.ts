import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, callNotFound } from '../http/api-error.js';
import { findTranscriptOfLiveCall } from './calls.repository.js';
import { callIdParams } from './calls.schemas.js';
import { transcriptText } from './transcripts.js';

const signedLinkQuery = z.object({ expires: z.unknown(), signature: z.unknown() });

const invalidLink = () => new ApiError('forbidden', 'This link is invalid or has expired');

/** Artifacts reached through pre-signed links: the signature stands in for an API key. */
export const callArtifactsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/calls/:id/transcript', { schema: { params: callIdParams, querystring: signedLinkQuery } }, async (request, reply) => {
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
