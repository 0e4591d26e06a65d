import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/support.js';
import { Callbase, CallbaseConnectionError, CallbaseError, type CreateCallInput, type CreateOrganizationInput } from '../../src/client/index.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { backends } from '../support/backends.js';
import { callBody, organizationBody } from '../support/fixtures.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';
import { UNLIMITED } from '../support/test-app.js';

const run = promisify(execFile);

/** The fixtures' bodies, as the client's input types. */
const newOrganization = (overrides: Record<string, unknown> = {}) => organizationBody(overrides) as unknown as CreateOrganizationInput;
const newCall = (overrides: Record<string, unknown>) => callBody(overrides) as unknown as CreateCallInput;

describe.each(backends)('the callbase client against a listening server on %s', (backend) => {
  let server: ListeningApp;
  let callbase: Callbase;
  let apiKey: string;

  beforeAll(async () => {
    server = await listeningApp({}, { backend });
    apiKey = (await createTenant(server.app.db, server.app.clock, 'Client tenant')).apiKey;
    callbase = new Callbase({ url: server.url, apiKey });
  });
  afterAll(async () => server.close());
  afterEach(() => vi.restoreAllMocks());

  it('round-trips organizations, their metadata and keys', async () => {
    const created = await callbase.organizations.create(newOrganization({ name: 'Client Clinic' }));
    expect(created).toMatchObject({ name: 'Client Clinic' });
    expect(await callbase.organizations.get(created.id)).toEqual(created);
    const listed = await callbase.organizations.list({ search: 'client clinic' });
    expect(listed.organizations.map((o) => o.id)).toEqual([created.id]);
    const updated = await callbase.organizations.update(created.id, { name: 'Renamed Clinic', email: 'new@clinic.example' });
    expect(updated.name).toBe('Renamed Clinic');
    const metadata = await callbase.organizations.putMetadata(created.id, { plan: 'gold' });
    expect(await callbase.organizations.getMetadata(created.id)).toEqual(metadata);

    const key = await callbase.apiKeys.create({ organizationId: created.id, name: 'Client key' });
    expect(key.key).toMatch(/^cb/);
    expect((await callbase.apiKeys.list(created.id)).apiKeys.map((k) => k.id)).toEqual([key.id]);
    const organizationClient = new Callbase({ url: server.url, apiKey: key.key });
    expect(await callbase.me()).toMatchObject({ kind: 'tenant', organization: null });
    expect(await organizationClient.me()).toMatchObject({ kind: 'organization', organization: { id: created.id, name: 'Renamed Clinic' } });
    expect((await organizationClient.calls.list({ organizationId: created.id })).pagination.total).toBe(0);
    expect(await callbase.apiKeys.revoke(key.id)).toEqual({ message: 'API key successfully revoked', id: key.id });
    await expect(organizationClient.calls.list({ organizationId: created.id })).rejects.toMatchObject({ status: 401, error: 'Invalid or missing API key' });

    const events = await callbase.audit.list({ organizationId: created.id });
    expect(events.events.map((event) => event.action)).toContain('organization.metadata_updated');
    expect(await callbase.organizations.delete(created.id)).toEqual({ message: 'Organization successfully deleted', organizationId: created.id });
    await expect(callbase.organizations.get(created.id)).rejects.toMatchObject({ status: 404, error: 'Organization not found' });
  });

  it('round-trips calls: record, read, transcript, list, statistics, walk every page, export', async () => {
    const organization = await callbase.organizations.create(newOrganization());
    const transcript = [{ role: 'agent', text: 'Hello' }, { role: 'user', text: 'Hi' }];
    const recorded = await callbase.calls.create(newCall({ organizationId: organization.id, externalId: 'client-1', transcript }));
    expect(await callbase.calls.create(newCall({ organizationId: organization.id, externalId: 'client-1' }))).toMatchObject({ id: recorded.id });
    expect(await callbase.calls.get(recorded.id)).toMatchObject({ id: recorded.id, externalId: 'client-1' });
    expect(await callbase.calls.transcript(recorded.id)).toBe('Agent: Hello\nCaller: Hi\n');
    for (let index = 0; index < 44; index += 1) {
      const start = new Date(Date.UTC(2025, 4, 1, 9) + index * 60_000).toISOString();
      await callbase.calls.create(newCall({ organizationId: organization.id, callStartedAt: start, callEndedAt: start, callType: index % 2 === 0 ? 'Inbound' : 'Outbound' }));
    }
    const page = await callbase.calls.list({ organizationId: organization.id, limit: 5, sort: 'asc' });
    expect(page.pagination).toMatchObject({ total: 45, totalPages: 9 });
    const outbound = await callbase.calls.stats({ organizationId: organization.id, callType: 'Outbound' });
    expect(outbound.calls).toBe(22);

    const walked = [];
    for await (const item of callbase.calls.iterate({ organizationId: organization.id, sort: 'asc' })) walked.push(item.id);
    expect(walked).toHaveLength(45);
    expect(new Set(walked).size).toBe(45);
    expect(walked.slice(0, 5)).toEqual(page.calls.map((c) => c.id));

    const exported = await callbase.calls.export({ organizationId: organization.id, callType: 'Inbound', format: 'ndjson' });
    let text = '';
    for await (const chunk of exported.body) text += Buffer.from(chunk).toString();
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { id: string; callType: string });
    expect(exported.total).toBe(lines.length);
    const inbound = [];
    for await (const item of callbase.calls.iterate({ organizationId: organization.id, callType: 'Inbound' })) inbound.push(item.id);
    expect(lines.map((line) => line.id)).toEqual(inbound);
  });

  it('reads the calls as they are taken, in one request however many there are', async () => {
    const organization = await callbase.organizations.create(newOrganization());
    for (let index = 0; index < 25; index += 1) await callbase.calls.create(newCall({ organizationId: organization.id }));
    const fetches = vi.spyOn(globalThis, 'fetch');
    const taken = [];
    for await (const item of callbase.calls.iterate({ organizationId: organization.id })) {
      taken.push(item);
      if (taken.length === 3) break;
    }
    expect(fetches).toHaveBeenCalledTimes(1);
  });

  it('walks a snapshot: calls recorded while it walks shift nothing, so none is taken twice or skipped', async () => {
    const organization = await callbase.organizations.create(newOrganization());
    const before: string[] = [];
    for (let index = 0; index < 25; index += 1) before.push((await callbase.calls.create(newCall({ organizationId: organization.id }))).id);
    const walked: string[] = [];
    for await (const item of callbase.calls.iterate({ organizationId: organization.id })) {
      walked.push(item.id);
      // Newest first: each call recorded now would push every later page one place down.
      if (walked.length <= 3) await callbase.calls.create(newCall({ organizationId: organization.id, callStartedAt: new Date().toISOString(), callEndedAt: new Date().toISOString() }));
    }
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.filter((id) => before.includes(id)).sort()).toEqual([...before].sort());
  });

  it('throws the API error as a CallbaseError with its status, error and details', async () => {
    const organization = await callbase.organizations.create(newOrganization());
    const failure = await callbase.calls.list({ organizationId: organization.id, callType: 'fax' as never }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallbaseError);
    expect(failure).toMatchObject({
      status: 400,
      error: 'Invalid request data',
      details: [{ field: 'callType', message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'", code: 'invalid_enum_value' }],
    });
    expect((failure as CallbaseError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(callbase.calls.get('01936f5e-0000-7000-8000-000000000000')).rejects.toMatchObject({ status: 404, error: 'Call not found' });
  });

  it('answers the probes and metrics', async () => {
    expect(await callbase.operations.health()).toEqual({ status: 'ok' });
    expect(await callbase.operations.readiness()).toEqual({ status: 'ready' });
    expect(await callbase.operations.metrics()).toContain('http_requests_total');
  });
});

describe('retries', () => {
  it('tries a 429 again after a pause, then throws it with the wait the API asked for', async () => {
    const server = await listeningApp({ limits: { ...UNLIMITED, requestsPerMinute: 2 } });
    try {
      const { apiKey } = await createTenant(server.app.db, server.app.clock, 'Busy tenant');
      const callbase = new Callbase({ url: server.url, apiKey, retry: { maxRetries: 2, maxDelayMs: 10 } });
      await callbase.organizations.list();
      await callbase.organizations.list();
      const fetches = vi.spyOn(globalThis, 'fetch');
      const failure = await callbase.organizations.list().catch((error: unknown) => error);
      expect(failure).toMatchObject({ status: 429, error: 'Too many requests for this API key' });
      expect((failure as CallbaseError).retryAfterSeconds).toBeGreaterThan(0);
      expect(fetches).toHaveBeenCalledTimes(3);
    } finally {
      vi.restoreAllMocks();
      await server.close();
    }
  });

  it('waits the Retry-After of a 503 before trying again', async () => {
    let answered = 0;
    const stub = http.createServer((_request, response) => {
      answered += 1;
      if (answered === 1) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"Service temporarily unavailable"}');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      }
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const callbase = new Callbase({ url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, apiKey: 'unused' });
      const started = Date.now();
      expect(await callbase.operations.readiness()).toEqual({ status: 'ready' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
      expect(answered).toBe(2);
    } finally {
      stub.close();
    }
  });

  it.each([
    ['a call', (callbase: Callbase, externalId?: string) => callbase.calls.create(newCall({ organizationId: 'o', externalId }))],
    ['an organization', (callbase: Callbase, externalId?: string) => callbase.organizations.create(newOrganization({ externalId }))],
  ])('tries a 503 on POST again only when %s carries an externalId, so a retry cannot record it twice', async (_kind, create) => {
    const posted: Array<string | undefined> = [];
    const stub = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const externalId = (JSON.parse(body) as { externalId?: string }).externalId;
        posted.push(externalId);
        if (posted.length <= 2) {
          response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"Service temporarily unavailable"}');
        } else {
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'stored', externalId: externalId ?? null }));
        }
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const callbase = new Callbase({ url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, apiKey: 'unused', retry: { maxDelayMs: 10 } });
      await expect(create(callbase)).rejects.toMatchObject({ status: 503 });
      expect(posted).toEqual([undefined]);
      expect(await create(callbase, 'once')).toMatchObject({ id: 'stored' });
      expect(posted).toEqual([undefined, 'once', 'once']);
    } finally {
      stub.close();
    }
  });

  it('says which server it could not reach', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const callbase = new Callbase({ url, apiKey: 'unused' });
    const failure = await callbase.operations.health().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallbaseConnectionError);
    expect((failure as Error).message).toBe(`Cannot reach ${url}: ECONNREFUSED`);
  });
});

describe('the built package', () => {
  let server: ListeningApp;

  beforeAll(async () => {
    server = await listeningApp();
  });
  afterAll(async () => server.close());

  it("imports as 'callbase/client' from dist and talks to a server", async () => {
    const { apiKey } = await createTenant(server.app.db, server.app.clock, 'Package tenant');
    const script = `
      import { Callbase, CallbaseError } from 'callbase/client';
      const callbase = new Callbase({ url: process.env.URL, apiKey: process.env.KEY });
      const organization = await callbase.organizations.create(JSON.parse(process.env.ORGANIZATION));
      const page = await callbase.calls.list({ organizationId: organization.id });
      const failure = await callbase.calls.get('nope').catch((error) => error);
      console.log(JSON.stringify({ total: page.pagination.total, typed: failure instanceof CallbaseError, status: failure.status }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, URL: server.url, KEY: apiKey, ORGANIZATION: JSON.stringify(organizationBody()) },
    });
    expect(JSON.parse(stdout)).toEqual({ total: 0, typed: true, status: 404 });
  });
});
