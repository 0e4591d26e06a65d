import type { ErrorDetail } from './types.js';

/** An error answer from the API: its status, its `error` text and, on a 400, the `details`. */
export class CallbaseError extends Error {
  override name = 'CallbaseError';

  constructor(
    readonly status: number,
    readonly error: string,
    readonly details: ErrorDetail[] | undefined,
    /** Seconds the API asked to wait (429 and 503), when it said. */
    readonly retryAfterSeconds: number | undefined,
    /** The `x-request-id` of the answer, to find it in the server's logs. */
    readonly requestId: string | undefined,
  ) {
    super(details === undefined || details.length === 0 ? `${status} ${error}` : `${status} ${error}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
  }
}

/** The server could not be reached, or the connection broke before a whole answer arrived. */
export class CallbaseConnectionError extends Error {
  override name = 'CallbaseConnectionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
