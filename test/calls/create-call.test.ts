import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { dialectOf } from '../../src/db/database.js';
import { backends } from '../support/backends.js';
import { CALL_DETAIL_KEYS } from '../support/contract.js';
import { callBody, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

async function storedCount(t: TestApp, table: 'calls' | 'agents' | 'call_transcripts'): Promise<number> {
  const { count } = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** A trigger that fails the transcript insert, the last write of a call, to prove the call rolls back with it. */
async function failTranscriptInserts(t: TestApp): Promise<void> {
  if (dialectOf(t.db) === 'postgres') {
    await sql`create or replace function fail_transcript() returns trigger as $$ begin raise exception 'transcript store failed'; end $$ language plpgsql`.execute(t.db);
    await sql`create trigger fail_transcript before insert on call_transcripts for each row execute function fail_transcript()`.execute(t.db);
  } else {
    await sql`create trigger fail_transcript before insert on call_transcripts begin select raise(abort, 'transcript store failed'); end`.execute(t.db);
  }
}

async function dropTranscriptTrigger(t: TestApp): Promise<void> {
  if (dialectOf(t.db) === 'postgres') await sql`drop trigger if exists fail_transcript on call_transcripts`.execute(t.db);
  else await sql`drop trigger if exists fail_transcript`.execute(t.db);
}

describe.each(backends)('POST /api/calls on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;
  const post = (body: unknown, key = world.tenantA.apiKey) => call(t.app, 'POST', '/api/calls', { key, body });

  beforeEach(async () => {
    world = await twoTenants(t);
  });

  describe('happy path', () => {
    it('stores a call and answers 201 with the Get Call object', async () => {
      const response = await post(
        callBody({
          organizationId: world.orgA1.id,
          externalId: 'run-1',
          callDurationSeconds: 170,
          callEndedReason: 'customer-ended-call',
          userName: 'Ada Lovelace',
          userPrimaryIntent: 'Book appointment',
          userSentiment: 'positive',
          callSummary: 'Booked a cleaning for Tuesday.',
          transcript: 'Hello there.',
        }),
      );
      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(CALL_DETAIL_KEYS);
      expect(response.body).toMatchObject({
        organizationId: world.orgA1.id,
        callType: 'Inbound',
        agentId: 'agent-smith',
        agentName: 'Dr. Smith Assistant',
        phoneNumber: '+15559876543',
        callStartedAt: '2025-05-28T14:20:15Z',
        callEndedAt: '2025-05-28T14:23:15Z',
        callDurationSeconds: '170',
        callEndedReason: 'customer-ended-call',
        userName: 'Ada Lovelace',
        userPhoneNumber: '+15551234567',
        userPrimaryIntent: 'Book appointment',
        userSentiment: 'positive',
        callSummary: 'Booked a cleaning for Tuesday.',
        recordingUrl: null,
        createdAt: '2026-01-15T12:00:00Z',
        externalId: 'run-1',
      });
      expect(response.body.transcriptUrl).toMatch(/^http:\/\/callbase\.test\/api\/calls\/[0-9a-f-]{36}\/transcript\?expires=\d+&signature=[0-9a-f]{64}$/);
      const fetched = await call(t.app, 'GET', `/api/calls/${response.body.id}`, { key: world.tenantA.apiKey });
      expect({ ...fetched.body, transcriptUrl: null }).toEqual({ ...response.body, transcriptUrl: null });
    });

    it('derives the duration from the two times when it is absent', async () => {
      const response = await post(callBody({ organizationId: world.orgA1.id, callStartedAt: '2025-05-28T14:20:15.400Z', callEndedAt: '2025-05-28T14:22:15.600Z' }));
      expect(response.body.callDurationSeconds).toBe('120');
    });

    it('accepts the duration as a string of digits', async () => {
      const response = await post(callBody({ organizationId: world.orgA1.id, callDurationSeconds: '0042' }));
      expect(response.status).toBe(201);
      expect(response.body.callDurationSeconds).toBe('42');
    });

    it('normalises offsets to UTC seconds', async () => {
      const response = await post(
        callBody({ organizationId: world.orgA1.id, callStartedAt: '2025-05-28T16:20:15.999+02:00', callEndedAt: '2025-05-28T10:23:15-04:00' }),
      );
      expect(response.body).toMatchObject({ callStartedAt: '2025-05-28T14:20:15Z', callEndedAt: '2025-05-28T14:23:15Z' });
    });

    it('takes the organization from an organization key, and trims text and nulls out empty strings', async () => {
      const response = await post(callBody({ agentName: '  Dr. Smith Assistant ', userName: '', callSummary: null }), world.orgA1Key);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ organizationId: world.orgA1.id, agentName: 'Dr. Smith Assistant', userName: null, callSummary: null });
    });

    it('lets a Web call go without a phone number', async () => {
      const response = await post(callBody({ organizationId: world.orgA1.id, callType: 'Web', phoneNumber: undefined }));
      expect(response.status).toBe(201);
      expect(response.body.phoneNumber).toBeNull();
    });

    it('ignores unknown body keys', async () => {
      const response = await post(callBody({ organizationId: world.orgA1.id, vendorField: { nested: true } }));
      expect(response.status).toBe(201);
      expect(response.body).not.toHaveProperty('vendorField');
    });
  });

  describe('agents', () => {
    it('creates an agent on first sight and keeps its latest name when the id comes again', async () => {
      await post(callBody({ organizationId: world.orgA1.id, agentId: 'a-1', agentName: 'Reception' }));
      const second = await post(callBody({ organizationId: world.orgA1.id, agentId: 'a-1', agentName: 'Front Desk' }));
      expect(second.body).toMatchObject({ agentId: 'a-1', agentName: 'Front Desk' });
      expect(await storedCount(t, 'agents')).toBe(1);
      const listed = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id, agentName: 'front' } });
      expect(listed.body.pagination.total).toBe(2);
    });

    it('matches an agent by name within the organization when no id is given', async () => {
      const first = await post(callBody({ organizationId: world.orgA1.id, agentId: undefined, agentName: 'Night Nurse' }));
      const second = await post(callBody({ organizationId: world.orgA1.id, agentId: undefined, agentName: 'Night Nurse' }));
      const elsewhere = await post(callBody({ organizationId: world.orgA2.id, agentId: undefined, agentName: 'Night Nurse' }));
      expect(second.body.agentId).toBe(first.body.agentId);
      expect(elsewhere.body.agentId).not.toBe(first.body.agentId);
      const explicit = await post(callBody({ organizationId: world.orgA1.id, agentId: 'nurse-7', agentName: 'Nurse Seven' }));
      const byName = await post(callBody({ organizationId: world.orgA1.id, agentId: undefined, agentName: 'Nurse Seven' }));
      expect(byName.body.agentId).toBe(explicit.body.agentId);
    });

    it('makes one agent when first calls of a new agent arrive together', async () => {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => post(callBody({ organizationId: world.orgA1.id, agentId: undefined, agentName: 'Burst Agent' }))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(responses.map((r) => r.body.agentId)).size).toBe(1);
      expect(await storedCount(t, 'agents')).toBe(1);
    });
  });

  describe('idempotency on externalId', () => {
    it('returns the stored call with 200 and creates nothing', async () => {
      const first = await post(callBody({ organizationId: world.orgA1.id, externalId: 'vapi-123', userName: 'First' }));
      const again = await post(callBody({ organizationId: world.orgA1.id, externalId: 'vapi-123', userName: 'Second' }));
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await storedCount(t, 'calls')).toBe(1);
    });

    it('keeps external ids apart per organization', async () => {
      const a1 = await post(callBody({ organizationId: world.orgA1.id, externalId: 'shared' }));
      const a2 = await post(callBody({ organizationId: world.orgA2.id, externalId: 'shared' }));
      expect([a1.status, a2.status]).toEqual([201, 201]);
      expect(a1.body.id).not.toBe(a2.body.id);
    });

    it('stores exactly one call when duplicates arrive concurrently', async () => {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          post(callBody({ organizationId: world.orgA1.id, externalId: 'burst', agentId: undefined, agentName: 'Racer', transcript: 'hi' })),
        ),
      );
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(11);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await storedCount(t, 'calls')).toBe(1);
      expect(await storedCount(t, 'call_transcripts')).toBe(1);
      expect(await storedCount(t, 'agents')).toBe(1);
    });
  });

  describe('errors', () => {
    it('names every missing required field at once', async () => {
      const response = await post({ organizationId: world.orgA1.id });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'Invalid request data',
        details: [
          { field: 'callType', message: 'Required', code: 'invalid_type' },
          { field: 'agentName', message: 'Required', code: 'invalid_type' },
          { field: 'callStartedAt', message: 'Required', code: 'invalid_type' },
          { field: 'callEndedAt', message: 'Required', code: 'invalid_type' },
        ],
      });
    });

    it.each([
      [{ callType: 'fax' }, { field: 'callType', message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'", code: 'invalid_enum_value' }],
      [{ callStartedAt: 'yesterday' }, { field: 'callStartedAt', message: 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)', code: 'custom' }],
      [{ callStartedAt: 1716906015 }, { field: 'callStartedAt', message: 'Expected string, received number', code: 'invalid_type' }],
      [
        { callEndedAt: '2025-05-28T14:20:14Z' },
        { field: 'callEndedAt', message: "The 'callEndedAt' date must be after or equal to the 'callStartedAt' date", code: 'custom' },
      ],
      [{ callDurationSeconds: -1 }, { field: 'callDurationSeconds', message: 'Number must be greater than or equal to 0', code: 'too_small' }],
      [{ callDurationSeconds: 1.5 }, { field: 'callDurationSeconds', message: 'Expected integer, received float', code: 'invalid_type' }],
      [{ callDurationSeconds: '12s' }, { field: 'callDurationSeconds', message: 'Expected a whole number of seconds', code: 'invalid_string' }],
      [{ phoneNumber: undefined }, { field: 'phoneNumber', message: 'Required', code: 'invalid_type' }],
      [{ agentName: '   ' }, { field: 'agentName', message: 'String must contain at least 1 character(s)', code: 'too_small' }],
      [{ transcript: [{ role: 'robot', text: 'beep' }] }, { field: 'transcript.0.role', message: "Invalid enum value. Expected 'agent' | 'user', received 'robot'", code: 'invalid_enum_value' }],
    ])('rejects %o with details', async (change, detail) => {
      const response = await post(callBody({ organizationId: world.orgA1.id, ...change }));
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Invalid request data');
      expect(response.body.details).toContainEqual(detail);
      expect(await storedCount(t, 'calls')).toBe(0);
    });

    it('asks a tenant key for the organization', async () => {
      const response = await post(callBody());
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Invalid request data', details: [{ field: 'organizationId', message: 'Required', code: 'invalid_type' }] });
    });

    it.each([
      ['text that is not JSON', '{"callType":', { field: 'body', message: 'Body is not valid JSON', code: 'custom' }],
      ['a JSON array', '[1,2]', { field: 'body', message: 'Expected object, received array', code: 'invalid_type' }],
    ])('rejects %s', async (_name, payload, detail) => {
      const response = await call(t.app, 'POST', '/api/calls', {
        key: world.tenantA.apiKey,
        body: payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Invalid request data', details: [detail] });
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await call(t.app, 'POST', '/api/calls', { key: world.tenantA.apiKey, body: 'hello', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
      expect(response.body).toEqual({ error: 'Unsupported media type: text/plain' });
    });

    it.each([
      ['another tenant', () => ({ organizationId: world.orgB1.id }), () => world.tenantA.apiKey],
      ['a sibling organization with an organization key', () => ({ organizationId: world.orgA2.id }), () => world.orgA1Key],
      ['a malformed organization id', () => ({ organizationId: 'org-1' }), () => world.tenantA.apiKey],
    ])('answers 404 for %s and writes nothing', async (_name, target, key) => {
      const response = await post(callBody(target()), key());
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'Organization not found' });
      expect(await storedCount(t, 'calls')).toBe(0);
    });

    it('writes nothing at all when the last step of a call fails', async () => {
      await failTranscriptInserts(t);
      try {
        const response = await post(callBody({ organizationId: world.orgA1.id, agentId: 'fresh-agent', transcript: 'hello' }));
        expect(response.status).toBe(500);
        expect(response.body).toEqual({ error: 'Internal server error occurred' });
        expect(response.text).not.toContain('transcript store failed');
      } finally {
        await dropTranscriptTrigger(t);
      }
      expect(await storedCount(t, 'calls')).toBe(0);
      expect(await storedCount(t, 'agents')).toBe(0);
    });
  });
});
