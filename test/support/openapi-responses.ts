import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

type Media = { schema?: object };
type Response = { content?: Record<string, Media> };
type Operation = { operationId: string; responses: Record<string, Response> };
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};

interface DocumentChecker {
  paths: Array<{ template: string; pattern: RegExp }>;
  document: OpenApiDocument;
  ajv: Ajv2020;
  compiled: Map<string, ValidateFunction>;
}

const checkers = new WeakMap<FastifyInstance, DocumentChecker>();

function checkerFor(app: FastifyInstance): DocumentChecker {
  const known = checkers.get(app);
  if (known !== undefined) return known;
  const document = app.swagger() as unknown as OpenApiDocument;
  // Static paths first, so /api/calls/export is not taken for /api/calls/{id}.
  const paths = Object.keys(document.paths)
    .sort((a, b) => a.split('{').length - b.split('{').length)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const checker = { paths, document, ajv, compiled: new Map() };
  checkers.set(app, checker);
  return checker;
}

/**
 * What is wrong with an answer by the app's own OpenAPI document: an undocumented status or media
 * type, or a JSON body its schema refuses. Answers on paths the document does not describe (the
 * reference page, unknown paths) are not its business.
 */
export function responseProblems(
  app: FastifyInstance,
  request: { method: string; url: string },
  response: { status: number; contentType: string | undefined; text: string },
): string[] {
  const checker = checkerFor(app);
  const path = request.url.split('?')[0]!;
  const template = checker.paths.find(({ pattern }) => pattern.test(path))?.template;
  const operation = template === undefined ? undefined : checker.document.paths[template]?.[request.method.toLowerCase()];
  if (operation === undefined) return [];
  const where = `${request.method} ${template} ${response.status}`;
  const documented = operation.responses[String(response.status)] ?? operation.responses.default;
  if (documented === undefined) return [`${where}: status not documented`];
  if (documented.content === undefined) return response.text === '' ? [] : [`${where}: a body where none is documented`];
  const mediaType = (response.contentType ?? '').split(';')[0]!.trim();
  const media = documented.content[mediaType];
  if (media === undefined) return [`${where}: ${mediaType} is not among ${Object.keys(documented.content).join(', ')}`];
  if (mediaType !== 'application/json' || media.schema === undefined) return [];
  const key = `${operation.operationId} ${response.status}`;
  const validate = checker.compiled.get(key) ?? checker.ajv.compile({ ...media.schema, components: checker.document.components });
  checker.compiled.set(key, validate);
  if (validate(JSON.parse(response.text))) return [];
  return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || '(body)'} ${error.message ?? ''}`);
}
