import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(backends)('health and metrics on %s', (backend) => {
  const t = useTestApp(backend);

  it('answers /healthz and /readyz without a key', async () => {
    expect(await call(t.app, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call(t.app, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('counts requests and their latency by route pattern and status, never by raw URL', async () => {
    const world = await twoTenants(t);
    const created = await newCall(t, world.tenantA.apiKey, world.orgA1.id);
    await call(t.app, 'GET', `/api/calls/${created.id}`, { key: world.tenantA.apiKey });
    await call(t.app, 'GET', '/api/calls/01936f5e-0000-7000-8000-000000000000', { key: world.tenantA.apiKey });
    await call(t.app, 'GET', '/nowhere');

    const response = await call(t.app, 'GET', '/metrics');
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toContain('text/plain');
    const text = response.text;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/calls\/:id",status_code="200"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/calls\/:id",status_code="404"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/calls",status_code="201"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/calls\/:id",status_code="200"\} \d/);
    expect(text).toMatch(/db_pool_connections\{state="idle"\} \d+/);
    expect(text).toMatch(/db_pool_size \d+/);
    expect(text).toMatch(/process_cpu_seconds_total/);
    expect(text).not.toContain(created.id);
    expect(text).not.toContain(world.orgA1.id);
  });
});
