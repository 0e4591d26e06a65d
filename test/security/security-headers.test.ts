import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';
import { useTestApp } from '../support/test-app.js';

const POLICY =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;media-src 'self';connect-src 'self';frame-ancestors 'none';base-uri 'self';form-action 'self'";

describe('security headers', () => {
  const t = useTestApp('sqlite');

  it.each(['/healthz', '/api/organization', '/no-such-page'])('sends the strict policy and its companions on %s', async (url) => {
    const { apiKey } = await newTenant(t);
    const response = await call(t.app, 'GET', url, { key: apiKey });
    expect(response.headers['content-security-policy']).toBe(POLICY);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('forbids caching answers that carry API data', async () => {
    const { apiKey } = await newTenant(t);
    expect((await call(t.app, 'GET', '/api/organization', { key: apiKey })).headers['cache-control']).toBe('no-store');
    expect((await call(t.app, 'GET', '/api/organization')).headers['cache-control']).toBe('no-store');
  });

  it('keeps CORS closed by default: no origin is allowed, preflights included', async () => {
    const headers = { origin: 'https://evil.example', 'access-control-request-method': 'GET' };
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/calls', headers });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await call(t.app, 'GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS opened to configured origins', () => {
  let server: ListeningApp;

  beforeAll(async () => {
    server = await listeningApp({ corsOrigins: ['https://dashboard.example'] });
  });
  afterAll(async () => server.close());

  it('answers a preflight from an allowed origin with what a browser needs to send a key', async () => {
    const response = await fetch(`${server.url}/api/calls`, {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('DELETE');
  });

  it('exposes the rate-limit headers to that origin, and nothing to any other', async () => {
    const allowed = await fetch(`${server.url}/api/calls`, { headers: { origin: 'https://dashboard.example' } });
    expect(allowed.status).toBe(401);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
    const other = await fetch(`${server.url}/api/calls`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the API reference page', () => {
  const t = useTestApp('sqlite');

  it('relaxes the policy for itself alone: inline styles, and connections to PUBLIC_URL; scripts stay its own', async () => {
    const page = await call(t.app, 'GET', '/docs/');
    expect(page.status).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self' 'unsafe-inline';");
    expect(policy).toContain("connect-src 'self' http://callbase.test;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect((await call(t.app, 'GET', '/healthz')).headers['content-security-policy']).toBe(POLICY);
  });

  it('loads nothing from elsewhere: every script and stylesheet is served by callbase', async () => {
    const page = await call(t.app, 'GET', '/docs/');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      expect(asset).toMatch(/^\.\/static\//);
      expect((await call(t.app, 'GET', `/docs/${asset.slice(2)}`)).status, asset).toBe(200);
    }
  });
});
