import fc from 'fast-check';
import type { RouteCase } from './route-catalogue.js';
import type { Target } from './security-world.js';

/** Text an attacker would try: injections, traversal, bad escapes, control and astral characters. */
const nasty = fc.constantFrom(
  "' or 1=1 --",
  '"; drop table calls; --',
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '..%2f..%2f',
  '%zz',
  '%00',
  '\u0000',
  '\u202e',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '2025-02-30T00:00:00Z',
  '0000-00-00T00:00:00Z',
  'x'.repeat(5000),
);

/**
 * NUL and the other C0 controls, DEL, C1 controls, line and paragraph separators, a byte-order
 * mark: characters a database or a parser may refuse, or treat as the end of the text.
 */
const controlCharacter = fc
  .oneof(fc.constant(0x00), fc.integer({ min: 0x01, max: 0x1f }), fc.constantFrom(0x7f, 0x80, 0x85, 0x9f, 0x2028, 0x2029, 0xfeff))
  .map((code) => String.fromCharCode(code));

/** Mostly plain text, with control characters mixed in anywhere. */
const textUnit = fc.oneof({ weight: 1, arbitrary: controlCharacter }, { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) });

export const hostileText = fc.oneof(
  fc.string(),
  { weight: 3, arbitrary: fc.string({ unit: textUnit, minLength: 1 }) },
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  nasty,
  fc.uuid().map(String),
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ stringUnit: textUnit }) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, [], {}) },
  { weight: 1, arbitrary: fc.array(fc.record({ role: fc.constantFrom('agent', 'user', 'system'), text: hostileText })) },
);

export interface HostileRequest {
  url: string;
  body?: string | Buffer;
  contentType: string;
}

/** Bodies for a route that takes bytes: its example, cut short, padded with noise, or noise alone, under many types. */
function hostileBytes(example: Buffer) {
  const body = fc.oneof(
    fc.constant(example),
    fc.nat(example.length).map((length) => example.subarray(0, length)),
    fc.uint8Array({ maxLength: 5000 }).map((noise) => Buffer.concat([example.subarray(0, 16), Buffer.from(noise)])),
    fc.uint8Array({ maxLength: 5000 }).map((noise) => Buffer.from(noise)),
    hostileText.map((text) => Buffer.from(text)),
  );
  const contentType = fc.constantFrom('audio/mpeg', 'audio/wav', 'audio/ogg; codecs=opus', 'audio/flac', 'audio/', 'application/json', 'text/plain');
  return { body, contentType };
}

/**
 * The query parameters and body fields a route documents in the app's OpenAPI document, so that
 * those its example leaves out (the filters, the optional fields) are tried too.
 */
export function documentedFields(document: unknown, route: string): string[] {
  type Schema = { $ref?: string; properties?: Record<string, unknown> };
  type Operation = { parameters?: Array<{ in: string; name: string }>; requestBody?: { content?: Record<string, { schema?: Schema }> } };
  const { paths, components } = document as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  const [method = '', path = ''] = route.split(' ');
  const operation = paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  const query = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
  const body = operation?.requestBody?.content?.['application/json']?.schema;
  const resolved = body?.$ref === undefined ? body : components.schemas[body.$ref.split('/').pop()!];
  return [...query, ...Object.keys(resolved?.properties ?? {})];
}

/**
 * The example with fields dropped, replaced or added at random; or with one field, its own or one
 * of the route's `fields`, set to hostile text and the rest left valid, so that the text gets past
 * the checks of the others and reaches the store.
 */
function mutateRecord(example: Record<string, unknown>, value: fc.Arbitrary<unknown>, fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(example);
  const extraKey = fc.oneof(fc.string({ maxLength: 12, unit: textUnit }), fc.constantFrom('__proto__', 'constructor', 'organizationId', ...fields));
  const names = [...new Set([...keys, ...fields])];
  const oneField = names.length === 0
    ? []
    : [fc.tuple(fc.constantFrom(...names), fc.oneof(hostileText, value)).map(([name, hostile]) => ({ ...example, [name]: hostile }))];
  const anyFields = fc
    .tuple(
      fc.subarray(keys),
      fc.subarray(keys),
      fc.dictionary(extraKey, value, { maxKeys: 3 }),
      fc.array(value, { minLength: keys.length, maxLength: keys.length }),
    )
    .map(([dropped, replaced, extra, values]) => {
      const result: Record<string, unknown> = {};
      keys.forEach((key, index) => {
        if (dropped.includes(key)) return;
        result[key] = replaced.includes(key) ? values[index] : example[key];
      });
      return { ...result, ...extra };
    });
  return fc.oneof(anyFields, ...oneField);
}

function queryString(query: Record<string, unknown>, repeated: string[]): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
    if (repeated.includes(key)) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/**
 * Requests for one route made from its valid example: the path's id swapped for hostile text or
 * another organization's ids, query parameters dropped, replaced, repeated or added (any of the
 * route's documented `fields` among them), and bodies
 * that are arbitrary JSON, the example with fields mutated, or not JSON at all.
 */
export function hostileRequests(entry: RouteCase, target: Target, foreignIds: string[], fields: string[]): fc.Arbitrary<HostileRequest> {
  const example = entry.request(target);
  const ownIds = [target.organizationId, target.callId, target.keyId];
  const idInPath = ownIds.find((id) => example.url.includes(id));
  const pathValue = fc.oneof(hostileText, fc.constantFrom(...foreignIds, ...ownIds));
  const path =
    idInPath === undefined
      ? fc.constantFrom(example.url, `${example.url}/`, `${example.url}//x`, `${example.url}%2e%2e`)
      : fc.oneof(
          pathValue.map((value) => example.url.replace(idInPath, encodeURIComponent(value))),
          fc.constantFrom('%zz', '..%2F..%2F', '%2e%2e').map((raw) => example.url.replace(idInPath, raw)),
        );
  const queryValue = fc.oneof(hostileText, fc.constantFrom(...foreignIds), fc.integer().map(String));
  const query = fc.tuple(mutateRecord(example.query ?? {}, queryValue, fields), fc.subarray(Object.keys(example.query ?? {})));
  const hasBody = example.body !== undefined;
  const binary = Buffer.isBuffer(example.body) ? hostileBytes(example.body) : undefined;
  const body: fc.Arbitrary<string | Buffer | undefined> = binary !== undefined
    ? binary.body
    : hasBody
    ? fc.oneof(
        { weight: 4, arbitrary: mutateRecord(example.body as Record<string, unknown>, fc.oneof(hostileJson, fc.constantFrom<unknown>(...foreignIds)), fields).map((value) => JSON.stringify(value)) },
        { weight: 2, arbitrary: hostileJson.map((value) => JSON.stringify(value) ?? 'null') },
        { weight: 1, arbitrary: fc.oneof(hostileText, fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}')) },
      )
    : fc.constant(undefined);
  const contentType = binary !== undefined
    ? binary.contentType
    : hasBody
    ? fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded')
    : fc.constant('application/json');
  return fc.record({ path, query, body, contentType }).map(({ path: url, query: [values, repeated], body: text, contentType: type }) => ({
    url: url + queryString(values, repeated),
    ...(text === undefined ? {} : { body: text }),
    contentType: type,
  }));
}

/** A stack frame, a source path or an internal error name in an answer means something leaked. */
export const LEAK = /\n\s+at |node_modules|\.ts:\d|\.js:\d|TypeError|ReferenceError|SqliteError|error: relation|duplicate key/i;
