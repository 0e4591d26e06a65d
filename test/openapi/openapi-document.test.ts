import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedExamples } from '../../src/openapi/seed-examples.js';
import { publicRoutes, referencePageRoutes, routeCatalogue } from '../security/route-catalogue.js';
import { call } from '../support/http.js';
import { responseProblems, type OpenApiDocument } from '../support/openapi-responses.js';
import { routeTable } from '../support/route-table.js';
import { TEST_PUBLIC_URL, useTestApp } from '../support/test-app.js';

type Operation = {
  operationId: string;
  security: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; example?: unknown; schema: object }>;
  responses: Record<string, { content?: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> }>;
};

/** Every object in the document, with the path to it. */
function* walk(value: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (typeof value !== 'object' || value === null) return;
  if (!Array.isArray(value)) yield [path, value as Record<string, unknown>];
  for (const [key, inner] of Object.entries(value)) yield* walk(inner, `${path}/${key}`);
}

describe('the OpenAPI document at /api/openapi.json', () => {
  const t = useTestApp('sqlite');
  let document: OpenApiDocument & { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>> };
  const operations = () => Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  beforeAll(async () => {
    const response = await call(t.app, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });

  it('is valid OpenAPI 3.1 by the specification’s own schema', async () => {
    const validator = new Validator({ strict: 'log' });
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route the app serves, and nothing else', () => {
    const undocumented = new Set([...referencePageRoutes, 'GET /api/openapi.json', 'OPTIONS *', 'GET *']);
    const served = routeTable(t.app).filter((route) => !undocumented.has(route));
    const documented = operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(documented.sort()).toEqual(served);
    expect(served.length).toBe(routeCatalogue.length + publicRoutes.length - undocumented.size);
  });

  it("offers the recording upload only the query it reads: no include, which would change nothing in its answer", () => {
    const upload = document.paths['/api/calls/{id}/recording']!.put!;
    const query = (upload.parameters as unknown as Array<{ in: string; name: string }>).filter((parameter) => parameter.in === 'query');
    expect(query.map((parameter) => parameter.name)).toEqual(['organizationId']);
  });

  it('names every operation and model as code generators need: unique identifiers, no inline request or response models', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    for (const name of Object.keys(document.components.schemas)) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    for (const { operation } of operations()) {
      for (const response of Object.values(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (type === 'application/json') expect(Object.keys(media.schema)).toEqual(['$ref']);
        }
      }
    }
  });

  it('carries no converter leftovers, and every reference resolves', () => {
    const leftovers = ['_def', '~standard', '$schema', 'definitions', 'nullable', 'typeName'];
    for (const [path, node] of walk(document, '#')) {
      for (const key of leftovers) expect(Object.keys(node), `${path} has ${key}`).not.toContain(key);
      if (typeof node.$ref === 'string') {
        expect(node.$ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9]+$/);
        expect(document.components.schemas).toHaveProperty(node.$ref.split('/').at(-1)!);
      }
    }
  });

  it('asks for the Bearer key on every keyed route and on no other', () => {
    expect((document as any).components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const keyed = new Set(routeCatalogue.map((entry) => entry.route));
    for (const { path, method, operation } of operations()) {
      const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(operation.security, route).toEqual(keyed.has(route) ? [{ bearerAuth: [] }] : []);
      if (keyed.has(route)) expect(Object.keys(operation.responses), route).toEqual(expect.arrayContaining(['401', '429', '500', '503']));
    }
  });

  it('documents 403 exactly on the tenant-only routes', () => {
    for (const entry of routeCatalogue) {
      const [method, path] = entry.route.split(' ') as [string, string];
      const operation = document.paths[path.replace(/:(\w+)/g, '{$1}')]![method.toLowerCase()]!;
      expect('403' in operation.responses, entry.route).toBe(entry.tenantOnly);
    }
  });

  it('points its server at PUBLIC_URL, so "Try it out" reaches this server', () => {
    expect(document.servers).toEqual([{ url: TEST_PUBLIC_URL, description: 'This server' }]);
  });

  it('shows the seed’s List Calls examples, and each one matches its schema', () => {
    const listCalls = document.paths['/api/calls']!.get!;
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const examples = seedExamples.listCalls!.parameters!;
    for (const parameter of listCalls.parameters!) {
      expect(parameter.example, parameter.name).toBe(examples[parameter.name]);
      if (parameter.example !== undefined) expect(ajv.validate(parameter.schema, parameter.example), parameter.name).toBe(true);
    }
    expect(listCalls.parameters!.filter((parameter) => parameter.example !== undefined)).toHaveLength(Object.keys(examples).length);
    for (const [status, response] of Object.entries(seedExamples.listCalls!.responses!)) {
      const media = listCalls.responses[status]!.content!['application/json']!;
      expect(Object.keys(media.examples!)).toEqual(Object.keys(response));
      const validate = ajv.compile({ ...media.schema, components: document.components });
      for (const example of Object.values(media.examples!)) expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('is what the reference page renders', async () => {
    const page = await call(t.app, 'GET', '/docs/json');
    expect(page.body).toEqual(document);
  });
});

describe('checking answers against the document', () => {
  const t = useTestApp('sqlite');

  it('finds an answer that strays from its documented schema, status or media type', async () => {
    await t.app.ready();
    const listed = { calls: [{ id: 1 }], pagination: { page: 1 } };
    const problems = responseProblems(t.app, { method: 'GET', url: '/api/calls?organizationId=x' }, { status: 200, contentType: 'application/json', text: JSON.stringify(listed) });
    expect(problems.join('\n')).toContain('/calls/0');
    expect(problems.join('\n')).toContain('pagination');
    const status = responseProblems(t.app, { method: 'GET', url: '/healthz' }, { status: 404, contentType: 'application/json', text: '{"error":"x"}' });
    expect(status).toEqual([]);
    const media = responseProblems(t.app, { method: 'GET', url: '/api/calls/x' }, { status: 200, contentType: 'text/html', text: '<p>' });
    expect(media).toEqual(['GET /api/calls/{id} 200: text/html is not among application/json']);
    const error = responseProblems(t.app, { method: 'GET', url: '/api/calls/export' }, { status: 401, contentType: 'application/json', text: '{"message":"no"}' });
    expect(error.join('\n')).toContain("must have required property 'error'");
  });
});
