import { expect } from 'vitest';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { call } from './http.js';
import type { TestApp } from './test-app.js';

let sequence = 0;

/** Tenants come from the operator's CLI; this is the function its `tenant create` runs. */
export async function newTenant(t: TestApp, name = 'Acme Agency') {
  return createTenant(t.db, t.clock, name);
}

export function organizationBody(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    name: `Clinic ${sequence}`,
    email: `desk${sequence}@clinic.example`,
    address: '1 Main St',
    city: 'Austin',
    stateProvince: 'TX',
    postalCode: '78701',
    country: 'US',
    phoneNumber: '+15559876543',
    timezone: 'America/Chicago',
    ...overrides,
  };
}

export async function newOrganization(t: TestApp, tenantKey: string, overrides: Record<string, unknown> = {}) {
  const response = await call(t.app, 'POST', '/api/organization', { key: tenantKey, body: organizationBody(overrides) });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; name: string; tenantId: string };
}

export async function newOrganizationKey(t: TestApp, key: string, organizationId: string, name = 'Front desk') {
  const response = await call(t.app, 'POST', '/api/api-keys', { key, body: { organizationId, name } });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; key: string; name: string; organizationId: string; createdAt: string };
}

export function callBody(overrides: Record<string, unknown> = {}) {
  return {
    callType: 'Inbound',
    agentId: 'agent-smith',
    agentName: 'Dr. Smith Assistant',
    phoneNumber: '+15559876543',
    callStartedAt: '2025-05-28T14:20:15Z',
    callEndedAt: '2025-05-28T14:23:15Z',
    userPhoneNumber: '+15551234567',
    ...overrides,
  };
}

export async function newCall(t: TestApp, key: string, organizationId: string, overrides: Record<string, unknown> = {}) {
  const response = await call(t.app, 'POST', '/api/calls', { key, body: callBody({ organizationId, ...overrides }) });
  expect(response.status, response.text).toBe(201);
  return response.body as Record<string, any> & { id: string };
}

/**
 * Two tenants: A with organizations A1 (holding an organization key) and A2, and B with B1.
 * Enough for every isolation question: same organization, sibling organization, other tenant.
 */
export async function twoTenants(t: TestApp) {
  const tenantA = await newTenant(t, 'Tenant A');
  const tenantB = await newTenant(t, 'Tenant B');
  const orgA1 = await newOrganization(t, tenantA.apiKey, { name: 'A1 Clinic' });
  const orgA2 = await newOrganization(t, tenantA.apiKey, { name: 'A2 Clinic' });
  const orgB1 = await newOrganization(t, tenantB.apiKey, { name: 'B1 Clinic' });
  const orgA1Key = await newOrganizationKey(t, tenantA.apiKey, orgA1.id);
  const orgA2Key = await newOrganizationKey(t, tenantA.apiKey, orgA2.id);
  return { tenantA, tenantB, orgA1, orgA2, orgB1, orgA1Key: orgA1Key.key, orgA2Key: orgA2Key.key };
}
