import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Failures Node's HTTP parser meets before any route runs, answered with the API's own error body. */
const answers: Record<string, { status: number; error: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, error: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { status: 431, error: 'Request headers are too large' },
};
const MALFORMED = { status: 400, error: 'Malformed HTTP request' };

export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, error: message } = answers[error.code ?? ''] ?? MALFORMED;
    this.log.debug({ err: error }, 'client error');
    const body = JSON.stringify({ error: message });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.destroy();
}
