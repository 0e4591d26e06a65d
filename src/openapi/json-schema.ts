import type { ZodTypeAny } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { componentOfDefinition, extraKeywordsOf, type NamedSchema } from './annotations.js';

export type JsonSchema = Record<string, unknown>;

export const componentRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** Told of every named schema met while converting, so its component can be written once. */
export type NamedSchemaSink = (component: NamedSchema) => void;

/**
 * A Zod schema as OpenAPI 3.1 wants it (JSON Schema 2020-12): `null` as a type rather than
 * `nullable`; the input side of preprocessing and transforms, which is what a client sends; no
 * `additionalProperties: false`, since answers may gain keys and request bodies ignore unknown
 * ones; the keywords given with `documentedAs()`; and a `$ref` wherever a schema named with
 * `named()` appears below the root.
 */
export function toJsonSchema(schema: ZodTypeAny, sink: NamedSchemaSink): JsonSchema {
  const converted = zodToJsonSchema(schema, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
    effectStrategy: 'input',
    pipeStrategy: 'input',
    removeAdditionalStrategy: 'strict',
    allowedAdditionalProperties: undefined,
    override: (def, refs) => {
      const component = componentOfDefinition(def);
      if (component === undefined || refs.currentPath.length === refs.basePath.length) return ignoreOverride;
      sink(component);
      const description = (def as { description?: string }).description;
      return description === undefined || description === component.schema.description
        ? componentRef(component.name)
        : { ...componentRef(component.name), description };
    },
    postProcess: (jsonSchema, def) => {
      const keywords = extraKeywordsOf(def);
      return jsonSchema === undefined || keywords === undefined ? jsonSchema : { ...jsonSchema, ...keywords };
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}
