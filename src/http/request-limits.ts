import type { FastifyInstance } from 'fastify';
import querystring from 'fast-querystring';
import type { RequestLimits } from '../config.js';
import { ApiError } from './api-error.js';

/** Fastify's own query parser, except that an over-long query is not parsed at all: the hook below refuses it. */
export function boundedQueryParser(limits: RequestLimits) {
  return (query: string): Record<string, unknown> => (query.length > limits.queryLength ? {} : querystring.parse(query));
}

export function refuseLongQueries(app: FastifyInstance, limits: RequestLimits): void {
  app.addHook('onRequest', async (request) => {
    const start = request.url.indexOf('?');
    if (start !== -1 && request.url.length - start - 1 > limits.queryLength) {
      throw new ApiError('uri_too_long', `The query string may be at most ${limits.queryLength} characters`);
    }
  });
}
