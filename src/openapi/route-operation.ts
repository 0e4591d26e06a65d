import { STATUS_CODES } from 'node:http';
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import type { ZodTypeAny } from 'zod';
import { componentOf, type NamedSchema } from './annotations.js';
import { errorResponsesFor, type ErrorResponse } from './error-responses.js';
import { componentRef, toJsonSchema, type JsonSchema } from './json-schema.js';

export const BEARER_SCHEME = 'bearerAuth';

type Schemas = Record<string, unknown>;

const isZod = (value: unknown): value is ZodTypeAny => typeof (value as ZodTypeAny | undefined)?.safeParse === 'function';

const pascal = (text: string) => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_match, _gap, letter: string) => letter.toUpperCase());

/** Writes a named schema into the document's components once, with the named schemas it holds. */
export function addComponent(components: Schemas, component: NamedSchema): void {
  if (component.name in components) return;
  // Claimed before converting, so a schema that holds itself refers to its name instead of recursing.
  components[component.name] = {};
  components[component.name] = toJsonSchema(component.schema, (inner) => addComponent(components, inner));
}

/**
 * The schema of a body or a JSON answer, always by reference: a schema named with `named()` under
 * its name, any other under a name made from the operation, so generated clients get a model with
 * a stable name for every request and response.
 */
function referenced(components: Schemas, schema: ZodTypeAny, fallbackName: string): JsonSchema {
  const component = componentOf(schema) ?? { name: fallbackName, schema };
  addComponent(components, component);
  return componentRef(component.name);
}

interface Conversion {
  components: Schemas;
  operationId: string;
}

function convertInput(conversion: Conversion, schema: unknown): unknown {
  if (!isZod(schema)) return schema;
  return toJsonSchema(schema, (component) => addComponent(conversion.components, component));
}

function isSuccess(status: string): boolean {
  return /^2\d\d$/.test(status);
}

/** A text body's description already is the response's. */
function withoutDescription({ description: _description, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

/**
 * Whether a request names the organization it acts on: a required `organizationId` in the query
 * (an optional one only filters), or one in the body.
 */
function namesOrganization(schema: unknown, inBody: boolean): boolean {
  if (!isZod(schema)) return false;
  const { properties, required } = toJsonSchema(schema, () => undefined) as { properties?: object; required?: string[] };
  return properties !== undefined && 'organizationId' in properties && (inBody || (required ?? []).includes('organizationId'));
}

function responsesOf(conversion: Conversion, schema: FastifySchema, route: RouteOptions): Record<string, unknown> {
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  const produces = schema.produces ?? ['application/json'];
  const hasBody = schema.body !== undefined || schema.consumes !== undefined;
  const errors = errorResponsesFor({
    route,
    hasInput: hasBody || schema.querystring !== undefined || schema.params !== undefined,
    hasBody,
    hasPathParams: route.url.includes(':'),
    namesOrganization: namesOrganization(schema.querystring, false) || namesOrganization(schema.body, true),
  });
  const firstSuccess = Object.keys(declared).filter(isSuccess).sort()[0];
  const responses: Record<string, unknown> = {};
  const bodies = new Map<object, JsonSchema>();
  for (const [status, response] of Object.entries({ ...errors, ...declared })) {
    const { description, schema: body, headers } = isZod(response)
      ? { description: response.description ?? STATUS_CODES[status] ?? 'Success', schema: response, headers: undefined }
      : (response as ErrorResponse);
    if (status === '204') {
      // @fastify/swagger writes no content for a response whose type is null.
      responses[status] = { type: 'null', description };
      continue;
    }
    const media = isSuccess(status) ? produces : ['application/json'];
    const fallbackName = `${pascal(conversion.operationId)}${status === firstSuccess ? '' : status}Response`;
    const bodySchema =
      bodies.get(body._def) ??
      (media.every((type) => type === 'application/json')
        ? referenced(conversion.components, body, fallbackName)
        : withoutDescription(toJsonSchema(body, (component) => addComponent(conversion.components, component))));
    bodies.set(body._def, bodySchema);
    responses[status] = {
      description,
      ...(headers === undefined ? {} : { headers }),
      content: Object.fromEntries(media.map((type) => [type, { schema: bodySchema }])),
    };
  }
  return responses;
}

/**
 * @fastify/swagger's per-route transform: turns a route's Zod schemas into an OpenAPI 3.1
 * operation with an operationId, its security, named request and response models, and every
 * error answer the route can give. Routes added later are documented the same way, from their
 * own schemas and route config.
 */
export const routeOperation: SwaggerTransform = ({ schema, url, route, ...document }) => {
  if (schema?.hide === true) return { schema, url };
  if (!('openapiObject' in document)) throw new Error('callbase documents its API as OpenAPI 3.1, not Swagger 2');
  const given: FastifySchema = schema ?? {};
  const openapiObject = document.openapiObject as { components?: { schemas?: Schemas } };
  openapiObject.components ??= {};
  const components = (openapiObject.components.schemas ??= {});
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  // Clients generated from the document name their methods after these, so each is chosen, never made up.
  const operationId = given.operationId;
  if (operationId === undefined) throw new Error(`${method} ${url} is documented without an operationId`);
  const conversion: Conversion = { components, operationId };
  const { querystring, params, body, consumes, response: _response, produces: _produces, ...annotations } = given;
  const transformed: Record<string, unknown> = {
    ...annotations,
    operationId,
    security: route.config?.requiresApiKey === true ? [{ [BEARER_SCHEME]: [] }] : [],
    response: responsesOf(conversion, given, route),
  };
  if (querystring !== undefined) transformed.querystring = convertInput(conversion, querystring);
  if (params !== undefined) transformed.params = convertInput(conversion, params);
  if (body !== undefined) {
    transformed.body = isZod(body)
      ? { content: { 'application/json': { schema: referenced(components, body, `${pascal(operationId)}Request`) } } }
      : body;
  } else if (consumes !== undefined) {
    // A raw body (audio, say) that the handler streams: its bytes, in any of the types it takes.
    const bytes = { schema: { type: 'string', format: 'binary' } };
    transformed.body = { required: true, content: Object.fromEntries(consumes.map((type) => [type, bytes])) };
  }
  return { schema: transformed as FastifySchema, url };
};
