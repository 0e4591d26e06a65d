import type { ZodTypeAny } from 'zod';

export interface NamedSchema {
  name: string;
  schema: ZodTypeAny;
}

/** Both keyed by the schema's definition, which is what the JSON Schema converter walks. */
const components = new Map<object, NamedSchema>();
const extras = new WeakMap<object, Record<string, unknown>>();

/**
 * Gives a schema the name it has in the OpenAPI document's components, so generated clients get a
 * model of that name wherever the schema appears instead of an anonymous inline type. Returns the
 * schema itself, untouched: validation and serialization never see the name.
 */
export function named<T extends ZodTypeAny>(name: string, schema: T): T {
  for (const [def, existing] of components) {
    if (existing.name === name && def !== schema._def) throw new Error(`Two schemas are both named ${name} in the OpenAPI document`);
  }
  components.set(schema._def, { name, schema });
  return schema;
}

/**
 * Adds JSON Schema keywords that Zod cannot express for a check written by hand, such as
 * `format: date-time` for a date-time parsed by our own code. Returns the schema itself.
 */
export function documentedAs<T extends ZodTypeAny>(keywords: Record<string, unknown>, schema: T): T {
  extras.set(schema._def, keywords);
  return schema;
}

/** `.describe()` copies a definition with only its description changed: such a copy keeps the name. */
function sameBesidesDescription(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  keys.delete('description');
  return [...keys].every((key) => left[key] === right[key]);
}

export function componentOfDefinition(def: object): NamedSchema | undefined {
  const exact = components.get(def);
  if (exact !== undefined) return exact;
  for (const [known, component] of components) {
    if (sameBesidesDescription(known, def)) return component;
  }
  return undefined;
}

export function componentOf(schema: { _def: object }): NamedSchema | undefined {
  return componentOfDefinition(schema._def);
}

/** Every named schema, for the models a document lists even where no operation's body is one (NDJSON lines). */
export function namedSchemas(): NamedSchema[] {
  return [...components.values()];
}

export function extraKeywordsOf(def: object): Record<string, unknown> | undefined {
  return extras.get(def);
}
