import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';
import { UNLIMITED, useTestApp } from '../support/test-app.js';

/** Writes raw bytes to the server and returns all it answers before closing the connection. */
function rawExchange(url: string, request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

describe('request size limits', () => {
  const t = useTestApp('sqlite', { limits: { ...UNLIMITED, bodyBytes: 4096, queryLength: 300 } });

  it('refuses a body over the limit with 413 before reading it into a record', async () => {
    const { apiKey } = await newTenant(t);
    const response = await call(t.app, 'POST', '/api/organization', { key: apiKey, body: { name: 'x'.repeat(5000) } });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'Request body is too large' });
    expect(await t.db.selectFrom('organizations').selectAll().execute()).toEqual([]);
  });

  it('keeps the larger allowance of a call, whose transcript may run long', async () => {
    const { apiKey } = await newTenant(t);
    const organization = await call(t.app, 'POST', '/api/organization', {
      key: apiKey,
      body: { name: 'A', email: 'a@b.example', address: '1', city: 'c', stateProvince: 's', postalCode: 'p', country: 'US', phoneNumber: '1', timezone: 'Europe/Paris' },
    });
    const response = await call(t.app, 'POST', '/api/calls', {
      key: apiKey,
      body: {
        organizationId: organization.body.id,
        callType: 'Web',
        agentName: 'Agent',
        callStartedAt: '2025-05-28T14:20:15Z',
        callEndedAt: '2025-05-28T14:23:15Z',
        transcript: 'words '.repeat(2000),
      },
    });
    expect(response.status).toBe(201);
  });

  it('refuses an over-long query string with 414, before the key is even checked', async () => {
    const response = await call(t.app, 'GET', '/api/calls', { query: { organizationId: 'x', agentName: 'a'.repeat(400) } });
    expect(response.status).toBe(414);
    expect(response.body).toEqual({ error: 'The query string may be at most 300 characters' });
  });
});

describe('limits enforced by the HTTP server', () => {
  let server: ListeningApp;

  beforeAll(async () => {
    server = await listeningApp({ limits: { ...UNLIMITED, headerBytes: 2048, requestTimeoutMs: 1000 } });
  });
  afterAll(async () => server.close());

  it('answers 431 with the API error body when the headers are too large', async () => {
    const answer = await rawExchange(server.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(4096)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(answer)).toEqual({ error: 'Request headers are too large' });
  });

  it('answers 408 when a client does not finish its request in time', async () => {
    const { apiKey } = await createTenant(server.app.db, server.app.clock, 'Slow');
    const answer = await rawExchange(
      server.url,
      `POST /api/calls HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"call`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(answer)).toEqual({ error: 'The request was not received in time' });
  });

  it('answers 400 with the API error body to bytes that are not HTTP', async () => {
    const answer = await rawExchange(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(answer)).toEqual({ error: 'Malformed HTTP request' });
  });
});
