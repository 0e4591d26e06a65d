import type { FastifyInstance } from 'fastify';

const METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/**
 * Every method and path the app serves (HEAD excluded), read from Fastify's own route tree one
 * method at a time: the merged tree names only the first method of a wildcard that several share.
 */
export function routeTable(app: FastifyInstance): string[] {
  const routes: string[] = [];
  for (const method of METHODS) {
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false, method }).split('\n')) {
      const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line.replace(/ {4}|│ {3}/g, (indent) => (indent.startsWith('│') ? '│' : ' ')));
      if (match === null) continue;
      const depth = match[1]!.length;
      stack.length = depth;
      stack.push(match[2]!);
      if ((match[3] ?? '').split(', ').includes(method)) routes.push(`${method} ${stack.join('')}`);
    }
  }
  return routes.sort();
}
