import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { responseProblems } from './openapi-responses.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  key?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/**
 * One request through the app in-process, with the JSON body parsed when there is one. Every
 * answer is checked against the app's own OpenAPI document, so the whole suite keeps it honest.
 */
export async function call<T = any>(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const query = Object.entries(options.query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const search = query.length > 0 ? `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
  const response = await app.inject({
    method,
    url: url + search,
    headers: { ...(options.key === undefined ? {} : bearer(options.key)), ...options.headers },
    ...(options.body === undefined ? {} : { payload: options.body as InjectOptions['payload'] }),
  });
  const contentType = response.headers['content-type'] as string | undefined;
  expect(responseProblems(app, { method: String(method), url }, { status: response.statusCode, contentType, text: response.body })).toEqual([]);
  const isJson = String(contentType ?? '').startsWith('application/json');
  return {
    status: response.statusCode,
    body: (isJson ? response.json() : undefined) as T,
    text: response.body,
    headers: response.headers,
  };
}
