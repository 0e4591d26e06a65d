import type { IncomingMessage } from 'node:http';
import { newId } from '../shared/ids.js';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is a plain token, so logs join up across services. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : newId();
}
