import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../http/api-error.js';

/** Where `npm run build` puts the dashboard; the same from src/ (tests, tsx) and from dist/. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Every file of the build, by its path under the folder: only these are ever served. */
function builtFiles(root: string): Set<string> {
  if (!fs.existsSync(path.join(root, 'index.html'))) return new Set();
  const entries = fs.readdirSync(root, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')));
}

const wantsPage = (accept: string | undefined) => accept?.includes('text/html') === true;

/**
 * The dashboard: its built files, and its page for any other address a browser opens (/calls?…, a
 * bookmark), so the dashboard's own router can show it. API routes are matched first, and an
 * unknown /api address stays a JSON 404.
 */
export const dashboardRoutes: FastifyPluginAsync<{ root?: string }> = async (app, options) => {
  const root = options.root ?? DASHBOARD_DIR;
  const files = builtFiles(root);
  if (files.size === 0) {
    app.log.warn({ root }, 'the dashboard is not built: run npm run build');
  } else {
    await app.register(fastifyStatic, { root, serve: false });
  }

  // The pages are for people; the OpenAPI document describes the API alone.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (file.startsWith('api/')) return reply.callNotFound();
    if (files.has(file) && file !== 'index.html') {
      // Vite names every asset after its content, so a name never changes meaning.
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { immutable, maxAge: immutable ? YEAR_SECONDS * 1000 : 3600 * 1000 });
    }
    if (!wantsPage(request.headers.accept)) return reply.callNotFound();
    if (files.size === 0) throw notFound('The dashboard is not built: run npm run build');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
};
