import { createRequire } from 'node:module';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.js';
import { namedSchemas } from './annotations.js';
import { addComponent, BEARER_SCHEME, routeOperation } from './route-operation.js';
import { seedExamples } from './seed-examples.js';

/** Two folders up from both src/openapi and dist/openapi. */
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const description = `callbase keeps the finished calls of AI voice agents and answers for them through an API
that is wire-compatible with the AlloMia Calls API.

**Keys.** Send \`Authorization: Bearer <key>\`. A tenant key reaches every organization of its tenant;
an organization key reaches its own organization only. An organization outside a key's reach is
answered 404, exactly like one that does not exist.

**Errors** always have the body \`{"error": "…"}\`, with \`details\` on a 400.

**Quotas.** Keyed answers carry \`RateLimit-Limit\`, \`RateLimit-Remaining\`, \`RateLimit-Reset\` and
\`RateLimit-Policy\`; a 429 or a 503 carries \`Retry-After\`.`;

const tags = [
  { name: 'Calls', description: 'Finished calls: list, read, record and export them' },
  { name: 'Organizations', description: 'A tenant’s organizations (tenant keys only)' },
  { name: 'API keys', description: 'Organization keys' },
  { name: 'Audit', description: 'Who changed what, and when (tenant keys only)' },
  { name: 'Operations', description: 'Probes and metrics, without a key' },
];

interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; example?: unknown }>;
  responses?: Record<string, { content?: Record<string, { examples?: unknown }> }>;
}

interface Document {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, Operation>>;
}

/** The seed's examples, placed on the operations they belong to. */
function withExamples<T extends Document>(document: T): T {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const examples = operation.operationId === undefined ? undefined : seedExamples[operation.operationId];
      if (examples === undefined) continue;
      for (const parameter of operation.parameters ?? []) {
        const example = examples.parameters?.[parameter.name];
        if (example !== undefined) parameter.example = example;
      }
      for (const [status, named] of Object.entries(examples.responses ?? {})) {
        const media = operation.responses?.[status]?.content?.['application/json'];
        if (media === undefined) throw new Error(`${operation.operationId} has examples for ${status}, which it does not document`);
        media.examples = named;
      }
    }
  }
  return document;
}

/**
 * Collects every route registered after it into an OpenAPI 3.1 document built from the routes' own
 * Zod schemas. Register it before the routes.
 */
export async function installOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'callbase', version, description, license: { name: 'MIT', identifier: 'MIT' } },
      servers: [{ url: config.publicUrl, description: 'This server' }],
      tags,
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A tenant key (`cbt_…`) or an organization key' },
        },
      },
    },
    stripBasePath: false,
    transform: routeOperation,
    transformObject: (document) => {
      if (!('openapiObject' in document)) throw new Error('callbase documents its API as OpenAPI 3.1, not Swagger 2');
      const openapiObject = document.openapiObject as Document;
      const schemas = ((openapiObject.components ??= {}).schemas ??= {});
      for (const component of namedSchemas()) addComponent(schemas, component);
      return withExamples(openapiObject);
    },
  });
}

/** The document itself, for code generators and the reference page. */
export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
