import type { FastifyInstance } from 'fastify';

/** Every method and path the app serves (HEAD excluded), read from Fastify's own route tree. */
export function routeTable(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line.replace(/ {4}|│ {3}/g, (indent) => (indent.startsWith('│') ? '│' : ' ')));
    if (match === null) continue;
    const depth = match[1]!.length;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      routes.push(`${method} ${stack.join('')}`);
    }
  }
  return routes.sort();
}
