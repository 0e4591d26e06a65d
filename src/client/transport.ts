import { CallbaseConnectionError, CallbaseError } from './errors.js';
import type { ErrorDetail } from './types.js';

export interface RetryOptions {
  /** Further tries after a 429 or a 503 (default 3). */
  maxRetries?: number;
  /** The first wait when the answer names none; it doubles at each try (default 500 ms). */
  baseDelayMs?: number;
  /** The longest wait between tries, Retry-After included (default 30 s). */
  maxDelayMs?: number;
}

export interface CallbaseOptions {
  /** The server's base URL, such as `http://127.0.0.1:3000`. */
  url: string;
  /** A tenant key or an organization key. */
  apiKey: string;
  retry?: RetryOptions;
}

type QueryValue = string | number | boolean | null | undefined;

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path on the server, or a whole pre-signed link, which is sent without the key. */
  path: string;
  query?: object;
  body?: unknown;
  /**
   * Whether sending it twice does what sending it once does. A 503 may come after the server did
   * the work, so only such requests are tried again after one; by default, all but POST.
   */
  idempotent?: boolean;
}

/**
 * Whether an error answer may be tried again: a 429 always, since the server refuses it before
 * reading the request; a 503 only when a repeat cannot do the work twice.
 */
function retryable(request: Request, status: number): boolean {
  if (status === 429) return true;
  return status === 503 && (request.idempotent ?? request.method !== 'POST');
}

function queryString(query: object | undefined): string {
  const pairs = Object.entries(query ?? {}).filter((entry): entry is [string, Exclude<QueryValue, null | undefined>] => entry[1] !== undefined && entry[1] !== null);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function errorFrom(response: Response): Promise<CallbaseError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  let body: { error?: unknown; details?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's page, say): the status alone has to do.
  }
  return new CallbaseError(
    response.status,
    typeof body.error === 'string' ? body.error : response.statusText,
    Array.isArray(body.details) ? (body.details as ErrorDetail[]) : undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    response.headers.get('x-request-id') ?? undefined,
  );
}

/** Sends requests with the key, retries 429 and (idempotent requests') 503 answers after the wait they ask for, and turns error answers into CallbaseError. */
export class Transport {
  private readonly base: string;
  private readonly retry: Required<RetryOptions>;

  constructor(private readonly options: CallbaseOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.retry = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, ...options.retry };
  }

  /** The answer of a successful request, its body unread. */
  async send(request: Request): Promise<Response> {
    const signedLink = /^https?:\/\//.test(request.path);
    const url = signedLink ? request.path : `${this.base}${request.path}${queryString(request.query)}`;
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers: {
            ...(signedLink ? {} : { authorization: `Bearer ${this.options.apiKey}` }),
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        });
      } catch (error) {
        throw new CallbaseConnectionError(`Cannot reach ${this.base}: ${causeOf(error)}`, { cause: error });
      }
      if (response.ok) return response;
      const error = await errorFrom(response);
      if (!retryable(request, response.status) || attempt >= this.retry.maxRetries) throw error;
      const backoff = this.retry.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
      await sleep(Math.min(this.retry.maxDelayMs, error.retryAfterSeconds === undefined ? backoff : error.retryAfterSeconds * 1000));
    }
  }

  async json<T>(request: Request): Promise<T> {
    const response = await this.send(request);
    return (await response.json()) as T;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
