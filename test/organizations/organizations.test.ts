import { beforeEach, describe, expect, it } from 'vitest';
import { setTenantMetadataSchema } from '../../src/tenants/tenants.repository.js';
import { backends } from '../support/backends.js';
import { newCall, newOrganization, newOrganizationKey, newTenant, organizationBody } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const ORGANIZATION_KEYS = [
  'id',
  'name',
  'email',
  'address',
  'city',
  'stateProvince',
  'postalCode',
  'country',
  'phoneNumber',
  'tenantId',
  'timezone',
  'createdAt',
  'createdBy',
  'externalId',
  'updatedAt',
  'retentionDays',
];

describe.each(backends)('organizations on %s', (backend) => {
  const t = useTestApp(backend);
  let tenant: Awaited<ReturnType<typeof newTenant>>;
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { body?: unknown; query?: Record<string, string | number> } = {}) =>
    call(t.app, method, url, { key: tenant.apiKey, ...options });

  beforeEach(async () => {
    tenant = await newTenant(t);
  });

  describe('create and read', () => {
    it('creates an organization with the AlloMia object and records the key that made it', async () => {
      const body = organizationBody({ name: 'Smith Dental', externalId: 'crm-77' });
      const response = await api('POST', '/api/organization', { body });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(ORGANIZATION_KEYS);
      expect(response.body).toMatchObject({ ...body, tenantId: tenant.tenantId, createdAt: '2026-01-15T12:00:00Z' });
      const keys = await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenant.tenantId).execute();
      expect(response.body.createdBy).toBe(keys[0]!.id);
      expect((await api('GET', `/api/organization/${response.body.id}`)).body).toEqual(response.body);
    });

    it('returns the existing organization for a repeated externalId', async () => {
      const first = await api('POST', '/api/organization', { body: organizationBody({ externalId: 'crm-1' }) });
      const again = await api('POST', '/api/organization', { body: organizationBody({ externalId: 'crm-1' }) });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('validates every required field and the timezone list at once', async () => {
      const response = await api('POST', '/api/organization', { body: { name: 'X', email: 'not-an-email', timezone: 'Mars/Olympus' } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'email', message: 'Invalid email', code: 'invalid_string' },
        { field: 'address', message: 'Required', code: 'invalid_type' },
        { field: 'city', message: 'Required', code: 'invalid_type' },
        { field: 'stateProvince', message: 'Required', code: 'invalid_type' },
        { field: 'postalCode', message: 'Required', code: 'invalid_type' },
        { field: 'country', message: 'Required', code: 'invalid_type' },
        { field: 'phoneNumber', message: 'Required', code: 'invalid_type' },
        expect.objectContaining({ field: 'timezone', code: 'invalid_enum_value' }),
      ]);
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      for (const name of ['Bravo Clinic', 'alpha dental', 'Charlie Care', 'Alpha Vet']) {
        await newOrganization(t, tenant.apiKey, { name });
        t.clock.advance(1000);
      }
      const other = await newTenant(t, 'Other');
      await newOrganization(t, other.apiKey, { name: 'Alpha Elsewhere' });
    });

    const names = (body: { organizations: Array<{ name: string }> }) => body.organizations.map((o) => o.name);

    it('lists newest first by default with the List Calls pagination object', async () => {
      const response = await api('GET', '/api/organization');
      expect(names(response.body)).toEqual(['Alpha Vet', 'Charlie Care', 'alpha dental', 'Bravo Clinic']);
      expect(response.body.pagination).toEqual({ page: 1, limit: 10, total: 4, totalPages: 1, hasNextPage: false, hasPreviousPage: false });
    });

    it('sorts by a whitelisted field, with - for descending', async () => {
      expect(names((await api('GET', '/api/organization', { query: { sort: 'createdAt' } })).body)).toEqual([
        'Bravo Clinic',
        'alpha dental',
        'Charlie Care',
        'Alpha Vet',
      ]);
      const byName = (await api('GET', '/api/organization', { query: { sort: '-name' } })).body;
      expect(byName.organizations).toHaveLength(4);
      expect((await api('GET', '/api/organization', { query: { sort: 'password' } })).status).toBe(400);
    });

    it('searches names case-insensitively within the tenant, and pages', async () => {
      const response = await api('GET', '/api/organization', { query: { search: 'ALPHA', limit: 1, page: 2, sort: 'createdAt' } });
      expect(names(response.body)).toEqual(['Alpha Vet']);
      expect(response.body.pagination).toEqual({ page: 2, limit: 1, total: 2, totalPages: 2, hasNextPage: false, hasPreviousPage: true });
    });

    it('caps limit at 100', async () => {
      const response = await api('GET', '/api/organization', { query: { limit: 101 } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'limit', message: 'Number must be less than or equal to 100', code: 'too_big' }]);
    });
  });

  describe('update and delete', () => {
    it('requires name and email, replaces what is given and keeps the rest', async () => {
      const organization = await newOrganization(t, tenant.apiKey, { city: 'Austin' });
      expect((await api('PUT', `/api/organization/${organization.id}`, { body: { city: 'Dallas' } })).body.details.map((d: { field: string }) => d.field)).toEqual([
        'name',
        'email',
      ]);
      t.clock.advance(60_000);
      const response = await api('PUT', `/api/organization/${organization.id}`, { body: { name: 'Renamed', email: 'new@clinic.example', timezone: 'Europe/Paris' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: 'Renamed', email: 'new@clinic.example', timezone: 'Europe/Paris', city: 'Austin', updatedAt: '2026-01-15T12:01:00Z' });
    });

    it('soft-deletes: the organization, its keys and its calls become unreachable at once', async () => {
      const organization = await newOrganization(t, tenant.apiKey);
      const orgKey = await newOrganizationKey(t, tenant.apiKey, organization.id);
      const created = await newCall(t, tenant.apiKey, organization.id);
      const response = await api('DELETE', `/api/organization/${organization.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ message: 'Organization successfully deleted', organizationId: organization.id });

      expect((await api('GET', `/api/organization/${organization.id}`)).status).toBe(404);
      expect((await api('DELETE', `/api/organization/${organization.id}`)).status).toBe(404);
      expect((await api('GET', `/api/calls/${created.id}`)).status).toBe(404);
      expect((await api('GET', '/api/calls', { query: { organizationId: organization.id } })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/calls/${created.id}`, { key: orgKey.key })).status).toBe(401);
      expect((await api('GET', '/api/organization')).body.pagination.total).toBe(0);
      const stored = await t.db.selectFrom('calls').select('id').execute();
      expect(stored).toHaveLength(1);
    });
  });

  describe('metadata', () => {
    it('versions every write and returns the latest', async () => {
      const organization = await newOrganization(t, tenant.apiKey);
      expect((await api('GET', `/api/organization/${organization.id}/metadata`)).status).toBe(404);
      const first = await api('PUT', `/api/organization/${organization.id}/metadata`, { body: { plan: 'gold' } });
      t.clock.advance(1000);
      const second = await api('PUT', `/api/organization/${organization.id}/metadata`, { body: { plan: 'platinum', seats: 4 } });
      expect(first.body).toMatchObject({ organizationId: organization.id, version: 1, metadata: { plan: 'gold' } });
      expect(Object.keys(second.body)).toEqual(['id', 'organizationId', 'version', 'metadata', 'createdAt', 'createdBy']);
      expect(second.body).toMatchObject({ version: 2, metadata: { plan: 'platinum', seats: 4 }, createdAt: '2026-01-15T12:00:01Z' });
      expect((await api('GET', `/api/organization/${organization.id}/metadata`)).body).toEqual(second.body);
    });

    it('gives concurrent writes distinct versions', async () => {
      const organization = await newOrganization(t, tenant.apiKey);
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => api('PUT', `/api/organization/${organization.id}/metadata`, { body: { i } })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(responses.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it("enforces the tenant's JSON Schema and names the failing paths", async () => {
      const organization = await newOrganization(t, tenant.apiKey);
      await setTenantMetadataSchema(
        t.db,
        tenant.tenantId,
        JSON.stringify({
          type: 'object',
          required: ['plan'],
          properties: { plan: { enum: ['gold', 'silver'] }, billing: { type: 'object', properties: { email: { type: 'string', format: 'email' } } } },
        }),
      );
      const response = await api('PUT', `/api/organization/${organization.id}/metadata`, { body: { billing: { email: 'nope' } } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'Invalid request data',
        details: [
          { field: 'metadata.plan', message: "must have required property 'plan'", code: 'custom' },
          { field: 'metadata.billing.email', message: 'must match format "email"', code: 'custom' },
        ],
      });
      expect((await api('PUT', `/api/organization/${organization.id}/metadata`, { body: { plan: 'gold' } })).status).toBe(200);
    });

    it('accepts only a JSON object', async () => {
      const organization = await newOrganization(t, tenant.apiKey);
      const response = await api('PUT', `/api/organization/${organization.id}/metadata`, { body: [1, 2] });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'body', message: 'Expected object, received array', code: 'invalid_type' }]);
    });
  });
});
