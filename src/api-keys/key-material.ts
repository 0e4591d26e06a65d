import { createHash, randomInt } from 'node:crypto';

export type KeyKind = 'tenant' | 'organization';

const prefixes: Record<KeyKind, string> = { tenant: 'cbt_', organization: 'cbo_' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 40 base-62 characters carry about 238 bits, and a key selects whole with a double click. */
const SECRET_LENGTH = 40;

export interface KeyMaterial {
  /** Shown to its owner once, never stored. */
  plaintext: string;
  hash: string;
  /** Enough to recognise a key in a list, never enough to use it. */
  displayHint: string;
}

export function hashKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

export function generateKey(kind: KeyKind): KeyMaterial {
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i += 1) secret += ALPHABET[randomInt(ALPHABET.length)];
  const plaintext = prefixes[kind] + secret;
  return { plaintext, hash: hashKey(plaintext), displayHint: `${prefixes[kind]}…${secret.slice(-4)}` };
}
