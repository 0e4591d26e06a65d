import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError, type ZodIssue } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { ApiError, invalidRequest, serviceUnavailable, type ErrorBody } from './api-error.js';
import { detailsFromIssues } from './validation-details.js';

const INTERNAL: ErrorBody = { error: 'Internal server error occurred' };

/** Fastify's own client errors, worded for the API's users. */
const fastifyClientErrors: Record<string, (request: FastifyRequest) => ApiError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => invalidRequest([{ field: 'body', message: 'Body is not valid JSON', code: 'custom' }]),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => invalidRequest([{ field: 'body', message: 'Required', code: 'invalid_type' }]),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new ApiError('payload_too_large', 'Request body is too large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) =>
    new ApiError('unsupported_media_type', `Unsupported media type: ${String(request.headers['content-type']).slice(0, 100)}`),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => invalidRequest([{ field: 'body', message: 'Content-Length does not match the body', code: 'custom' }]),
};

function asApiError(error: FastifyError, request: FastifyRequest): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((entry) => entry.params.issue as ZodIssue);
    return invalidRequest(detailsFromIssues(issues, error.validationContext ?? 'body'));
  }
  if (error instanceof ZodError) return invalidRequest(detailsFromIssues(error.issues, 'body'));
  const known = error.code === undefined ? undefined : fastifyClientErrors[error.code];
  if (known !== undefined) return known(request);
  if (error instanceof SyntaxError && error.statusCode === 400) return fastifyClientErrors.FST_ERR_CTP_INVALID_JSON_BODY!(request);
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return serviceUnavailable('Service temporarily unavailable');
  }
  return undefined;
}

/** Maps every failure to its status in one place; anything unexpected is logged and answered with a fixed body. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = asApiError(error, request);
    if (known !== undefined) {
      return reply.status(known.status).headers(known.headers).send(known.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      return reply.status(status).send({ error: STATUS_CODES[status] ?? 'Bad request' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(INTERNAL);
  });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not found' }));
}
