import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, callNotFound } from '../http/api-error.js';
import { errorBodySchema } from '../http/error-body.js';
import { documentedAs } from '../openapi/annotations.js';
import { audioTypes } from '../recordings/audio-formats.js';
import { etagOf, locateRecording, openRecording, type LocatedRecording } from '../recordings/recordings.service.js';
import { findTranscriptOfLiveCall } from './calls.repository.js';
import { callIdParams } from './calls.schemas.js';
import { transcriptText } from './transcripts.js';

/** Checked by the signature, not by the schema: a bad or missing value is a 403 like any invalid link. */
const signedLinkQuery = z.object({
  expires: documentedAs({ type: 'string' }, z.unknown()).describe('When the link expires, as the pre-signed link gives it'),
  signature: documentedAs({ type: 'string' }, z.unknown()).describe("The link's signature, as the pre-signed link gives it"),
});

const invalidLink = () => new ApiError('forbidden', 'This link is invalid or has expired');

/** No copy may outlive a deletion in a browser's or a proxy's cache: each use asks the server again. */
const UNCACHED = 'private, no-store';

const extensions: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
};

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
      .header('cache-control', UNCACHED)
      .header('content-disposition', `inline; filename="call-${id}-transcript.txt"`)
      .header('x-content-type-options', 'nosniff')
      .send(transcriptText(transcript.format, transcript.content));
  });

  // Ranges let a browser's audio element seek without downloading the whole file first. The link is
  // itself the credential, so an integrator's own pages may play it: no same-origin resource policy.
  const playableAnywhere = { crossOriginResourcePolicy: { policy: 'cross-origin' as const } };
  const recordingSchema = {
    operationId: 'getCallRecording',
    summary: "A call's recording",
    description:
      'The audio, through the pre-signed `recordingUrl` of Get Call: the signature stands in for an API key. One byte range (`Range`, `If-Range`) is answered with a 206, so a player can seek.',
    tags: ['Calls'],
    params: callIdParams,
    querystring: signedLinkQuery,
    produces: [...audioTypes],
    response: {
      200: documentedAs({ type: 'string', format: 'binary' }, z.unknown()).describe('The whole recording'),
      206: documentedAs({ type: 'string', format: 'binary' }, z.unknown()).describe('The requested range'),
      403: errorBodySchema.describe('The link is invalid or has expired'),
      416: errorBodySchema.describe('The range starts past the end of the recording'),
    },
  };
  /** The range asked for, once the link is known to be valid. */
  const recordingRequest = (request: { params: { id: string }; query: z.infer<typeof signedLinkQuery>; headers: IncomingHttpHeaders }) => {
    const { id } = request.params;
    if (!app.links.isValid(id, 'recording', request.query.expires, request.query.signature)) throw invalidLink();
    const ifRange = request.headers['if-range'];
    return { range: request.headers.range, ifRange: Array.isArray(ifRange) ? ifRange[0] : ifRange };
  };
  /** The status and headers of the answer, the same for GET and HEAD; a range past the end is a 416. */
  const describeAnswer = (reply: FastifyReply, id: string, { row, answer }: LocatedRecording) => {
    reply.header('accept-ranges', 'bytes').header('etag', etagOf(row)).header('cache-control', UNCACHED);
    if (answer.kind === 'unsatisfiable') {
      const error = new ApiError('range_not_satisfiable', 'The requested range is not within the recording');
      error.headers['content-range'] = `bytes */${row.size_bytes}`;
      throw error;
    }
    const { start, end } = answer.range;
    if (answer.kind === 'partial') reply.status(206).header('content-range', `bytes ${start}-${end}/${row.size_bytes}`);
    reply
      .header('content-type', row.content_type)
      .header('content-length', String(end - start + 1))
      .header('content-disposition', `inline; filename="call-${id}.${extensions[row.content_type] ?? 'audio'}"`);
  };
  // Declared before GET, so Fastify does not derive a HEAD that runs GET and reads the whole body away.
  app.head('/api/calls/:id/recording', { config: { securityHeaders: playableAnywhere }, schema: recordingSchema }, async (request, reply) => {
    const located = await locateRecording(app.db, request.params.id, recordingRequest(request));
    if (located === undefined) throw callNotFound();
    describeAnswer(reply, request.params.id, located);
    return reply.send();
  });
  app.get('/api/calls/:id/recording', { config: { securityHeaders: playableAnywhere }, schema: recordingSchema }, async (request, reply) => {
    const opened = await openRecording(app.db, app.recordings, request.params.id, recordingRequest(request));
    if (opened === undefined) throw callNotFound();
    describeAnswer(reply, request.params.id, opened);
    return reply.send(opened.body);
  });
};
