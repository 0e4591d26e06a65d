import type { ErrorBody, ErrorDetail } from './error-body.js';

export type { ErrorBody, ErrorDetail };

const statusByKind = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof statusByKind;

/** The closed set of failures a request may end in; the error handler maps each to its status. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** Headers the answer must carry, such as `Retry-After`. */
  headers: Record<string, string> = {};

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }

  get status(): number {
    return statusByKind[this.kind];
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { error: this.message } : { error: this.message, details: this.details };
  }
}

export const invalidRequest = (details: ErrorDetail[]) => new ApiError('invalid_request', 'Invalid request data', details);
export const invalidField = (field: string, message: string, code = 'custom') => invalidRequest([{ field, message, code }]);
export const unauthorized = () => new ApiError('unauthorized', 'Invalid or missing API key');
export const forbidden = (message: string) => new ApiError('forbidden', message);
export const notFound = (message: string) => new ApiError('not_found', message);
export const organizationNotFound = () => notFound('Organization not found');
export const callNotFound = () => notFound('Call not found');

function withRetryAfter(error: ApiError, seconds: number): ApiError {
  error.headers['retry-after'] = String(Math.max(1, Math.ceil(seconds)));
  return error;
}
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  withRetryAfter(new ApiError('rate_limited', message), retryAfterSeconds);
export const serviceUnavailable = (message: string, retryAfterSeconds = 2) =>
  withRetryAfter(new ApiError('unavailable', message), retryAfterSeconds);
