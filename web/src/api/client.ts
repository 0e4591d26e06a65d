import type { ErrorDetail } from '../../../src/http/api-error.js';
import type { Me } from './types.js';

/** A refused request, with the API's message and, for a 400, the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** The message for one field of a form, when the API named it. */
  forField(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

export type Query = Record<string, string | number | undefined>;

type Listener = () => void;

/**
 * Speaks to the API with the signed-in key. A 401 means the key was revoked or never valid: every
 * listener hears of it, so the session can end wherever the user is.
 */
export class ApiClient {
  private readonly unauthorizedListeners = new Set<Listener>();

  constructor(private readonly key: string) {}

  onUnauthorized(listener: Listener): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', withQuery(path, query), undefined, signal);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  delete<T>(path: string, query: Query = {}): Promise<T> {
    return this.send<T>('DELETE', withQuery(path, query));
  }

  private async send<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    const payload = (await response.json().catch(() => ({}))) as { error?: string; details?: ErrorDetail[] };
    if (response.ok) return payload as T;
    if (response.status === 401) for (const listener of this.unauthorizedListeners) listener();
    throw new ApiError(response.status, payload.error ?? `The server answered ${response.status}`, payload.details);
  }
}

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Who a key is, asked without a session: how signing in checks a key before keeping it. */
export async function describeKey(key: string): Promise<Me> {
  return new ApiClient(key).get('/api/me');
}

/**
 * The address this page should use for one of this server's pre-signed links, or undefined for a
 * link elsewhere (a voice provider's own copy of a recording, say). The server signs links with its
 * public address, which may differ from the one this page was opened at (localhost against
 * 127.0.0.1, say) while the page may only load media from its own origin: a link to the expected
 * path is this server's, whatever host it names.
 */
export function ownLink(link: string, path: string): string | undefined {
  const url = new URL(link, window.location.href);
  return url.origin === window.location.origin || url.pathname === path ? url.pathname + url.search : undefined;
}
