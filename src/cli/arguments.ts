import { InvalidArgumentError } from 'commander';
import type { z, ZodTypeAny } from 'zod';
import { detailsFromIssues } from '../http/validation-details.js';
import { CliError } from './cli-io.js';
import { isUuid } from '../shared/ids.js';

/** Commander argument parsers: a bad value stops the command with a message naming the problem. */
export function nonEmptyText(max: number) {
  return (value: string): string => {
    const text = value.trim();
    if (text.length === 0) throw new InvalidArgumentError('must not be empty.');
    if (text.length > max) throw new InvalidArgumentError(`must be at most ${max} characters.`);
    return text;
  };
}

export function integerArgument(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

export function uuidArgument(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('must be an id such as 0193b8b4-6b3e-7c2a-9f10-2d4e5a6b7c8d.');
  return value;
}

const asFlag = (field: string) => `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Checks options against the API's own schema, so the CLI accepts exactly what the API accepts. */
export function parseOptions<T extends ZodTypeAny>(schema: T, options: unknown): z.output<T> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data as z.output<T>;
  const problems = detailsFromIssues(parsed.error.issues, 'options').map((detail) => `${asFlag(detail.field)}: ${detail.message}`);
  throw new CliError(`Invalid options: ${problems.join('; ')}`, 2);
}
