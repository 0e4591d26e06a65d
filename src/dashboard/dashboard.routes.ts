import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../http/api-error.js';

/** Where `npm run build` puts the dashboard; the same from src/ (tests, tsx) and from dist/. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Whether the build holds this file now. Asked on every request, not read once at start, so a
 * rebuild while the server runs (new hashed asset names, a new page) is served as it lands.
 */
async function isBuiltFile(root: string, file: string): Promise<boolean> {
  const full = path.resolve(root, file);
  if (!full.startsWith(root + path.sep)) return false;
  const stat = await fs.stat(full).catch(() => undefined);
  return stat?.isFile() === true;
}

const wantsPage = (accept: string | undefined) => accept?.includes('text/html') === true;

/**
 * The dashboard: its built files, and its page for any other address a browser opens (/calls?…, a
 * bookmark), so the dashboard's own router can show it. API routes are matched first, and an
 * unknown /api address stays a JSON 404.
 */
export const dashboardRoutes: FastifyPluginAsync<{ root?: string }> = async (app, options) => {
  const root = path.resolve(options.root ?? DASHBOARD_DIR);
  if (!(await isBuiltFile(root, 'index.html'))) app.log.warn({ root }, 'the dashboard is not built: run npm run build');
  // The folder is named on each send rather than here, so a dashboard not built yet is no error at start.
  await app.register(fastifyStatic, { serve: false });

  // The pages are for people; the OpenAPI document describes the API alone.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (file.startsWith('api/')) return reply.callNotFound();
    if (file !== 'index.html' && (await isBuiltFile(root, file))) {
      // Vite names every asset after its content, so a name never changes meaning.
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, root, { immutable, maxAge: immutable ? YEAR_SECONDS * 1000 : 3600 * 1000 });
    }
    if (!wantsPage(request.headers.accept)) return reply.callNotFound();
    if (!(await isBuiltFile(root, 'index.html'))) throw notFound('The dashboard is not built: run npm run build');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
};
