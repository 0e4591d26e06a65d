import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../http/api-error.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;

/** Compiles a tenant's JSON Schema, or throws with the reason it cannot be used. */
export function compileMetadataSchema(schemaText: string): ValidateFunction {
  const cached = compiled.get(schemaText);
  if (cached !== undefined) return cached;
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(schemaText, validate);
  return validate;
}

/** Where the metadata breaks the tenant's schema, one detail per failing path. */
export function metadataViolations(schemaText: string, metadata: unknown): ErrorDetail[] {
  const validate = compileMetadataSchema(schemaText);
  if (validate(metadata)) return [];
  return (validate.errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    if (missing !== undefined) segments.push(missing);
    return { field: ['metadata', ...segments].join('.'), message: error.message ?? 'is invalid', code: 'custom' };
  });
}
