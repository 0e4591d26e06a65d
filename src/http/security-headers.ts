import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

/** The headers a route may change; the others stay as every answer has them. */
export type SecurityHeaderChanges = Pick<HelmetOptions, 'contentSecurityPolicy' | 'crossOriginResourcePolicy'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Changes to the standard security headers for this route alone, merged over them. */
    securityHeaders?: SecurityHeaderChanges;
  }
}

/**
 * The Content-Security-Policy of every answer, the dashboard's included: its scripts, styles and
 * media come from this origin only and it may not be framed. A route that needs more (API docs
 * with inline styles, say) relaxes it for itself alone with the route config
 * `securityHeaders: { contentSecurityPolicy: { directives: { ...contentSecurityPolicy, styleSrc: [...] } } }`.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const standardHeaders = {
  contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
} satisfies HelmetOptions;

type SetHeaders = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * Helmet turns its options into header values once, when a middleware is made; so one is made for
 * the standard headers and one per route that changes them, never one per request.
 */
function headerSetters(): (changes: SecurityHeaderChanges | undefined) => SetHeaders {
  const standard = helmet(standardHeaders);
  const changed = new WeakMap<SecurityHeaderChanges, SetHeaders>();
  return (changes) => {
    if (changes === undefined) return standard;
    let setHeaders = changed.get(changes);
    if (setHeaders === undefined) {
      setHeaders = helmet({ ...standardHeaders, ...changes });
      changed.set(changes, setHeaders);
    }
    return setHeaders;
  };
}

/** Headers the browser should honour, and CORS: closed unless origins are configured. */
export async function installSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const settersFor = headerSetters();
  app.addHook('onRequest', (request, reply, done) => {
    // Helmet throws rather than passing an error on; what it calls next with carries nothing.
    settersFor(request.routeOptions.config.securityHeaders)(request.raw, reply.raw, () => done());
  });
  const origins = config.corsOrigins;
  await app.register(cors, {
    origin: origins.length === 0 ? false : origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'x-total-count', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'],
    maxAge: 600,
  });
}
