import type { ApiKeyObject } from '../api-keys/api-keys.schemas.js';

/** A number with its noun, singular for one: `1 call`, `2 calls`. */
export const counted = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;

/** Rows as aligned columns under a header, for people reading a terminal. */
export function table(headers: string[], rows: Array<Array<string | null>>): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => cell ?? '-'))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function apiKeyTable(apiKeys: ApiKeyObject[]): string {
  return table(
    ['ID', 'NAME', 'KEY', 'CREATED', 'LAST USED', 'REVOKED'],
    apiKeys.map((key) => [key.id, key.name, key.keyHint, key.createdAt, key.lastUsedAt, key.revokedAt]),
  );
}
