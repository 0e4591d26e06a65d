import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../src/config.js';
import { backends } from '../support/backends.js';
import { expectCountersExact, storedCounters, storedModelCalls } from '../support/call-counters.js';
import { expectedAnswer } from '../support/calls-model.js';
import { runCli } from '../support/cli-runner.js';
import { callBody, newCall, newOrganization, newTenant } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const databaseUrl = (config: DatabaseConfig) => (config.kind === 'postgres' ? config.url : config.path);
const ndjson = (rows: unknown[]) => rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n') + '\n';

describe.each(backends)('callbase import, on %s', (backend) => {
  const t = useTestApp(backend);
  let directory: string;
  let tenantKey: string;
  let organizationId: string;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'callbase-import-'));
  });

  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  beforeEach(async () => {
    tenantKey = (await newTenant(t)).apiKey;
    organizationId = (await newOrganization(t, tenantKey)).id;
  });

  async function importFile(name: string, content: string, ...flags: string[]) {
    const file = path.join(directory, name);
    await fs.writeFile(file, content);
    return runCli(['import', file, '--org', organizationId, ...flags], { DATABASE_URL: databaseUrl(t.app.config.database), LOG_LEVEL: 'silent' });
  }

  async function listed(query: Record<string, string> = {}) {
    const response = await call(t.app, 'GET', '/api/calls', { key: tenantKey, query: { organizationId, limit: '20', sort: 'asc', ...query } });
    expect(response.status).toBe(200);
    return response.body as { calls: Array<Record<string, string>>; pagination: { total: number } };
  }

  it('imports NDJSON rows exactly as POST /api/calls stores them, transcripts included', async () => {
    const turns = [
      { role: 'agent', text: 'Smith Dental, how can I help?' },
      { role: 'user', text: 'I would like to book a cleaning.' },
    ];
    const rows = [
      callBody({ externalId: 'a-1', callStartedAt: '2025-05-01T10:00:00.750Z', callEndedAt: '2025-05-01T10:02:00Z', transcript: turns }),
      callBody({ externalId: 'a-2', callType: 'Web', phoneNumber: undefined, callStartedAt: '2025-05-02T10:00:00Z', callEndedAt: '2025-05-02T10:00:30Z', callDurationSeconds: '31' }),
    ];
    const result = await importFile('calls.ndjson', ndjson(rows), '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.json).toEqual({ imported: 2, duplicates: 0, rejected: [] });

    const page = await listed();
    expect(page.pagination.total).toBe(2);
    expect(page.calls.map((c) => [c.callType, c.callStartedAt, c.callDurationSeconds, c.agentName])).toEqual([
      ['Inbound', '2025-05-01T10:00:00Z', '120', 'Dr. Smith Assistant'],
      ['Web', '2025-05-02T10:00:00Z', '31', 'Dr. Smith Assistant'],
    ]);
    const posted = await newCall(t, tenantKey, organizationId, { callStartedAt: '2025-05-01T10:00:00.750Z', callEndedAt: '2025-05-01T10:02:00Z', transcript: turns });
    const detail = (await call(t.app, 'GET', `/api/calls/${page.calls[0]!.id}`, { key: tenantKey })).body;
    const { id: _a, createdAt: _b, transcriptUrl, externalId, ...importedFields } = detail;
    const { id: _c, createdAt: _d, transcriptUrl: _e, externalId: _f, ...postedFields } = posted;
    expect(importedFields).toEqual(postedFields);
    expect(externalId).toBe('a-1');
    const transcript = await t.app.inject({ method: 'GET', url: new URL(transcriptUrl).pathname + new URL(transcriptUrl).search });
    expect(transcript.body).toBe('Agent: Smith Dental, how can I help?\nCaller: I would like to book a cleaning.\n');
  });

  it('keeps the good rows, reports every bad one with its line, and exits 3', async () => {
    const content = ndjson([
      callBody({ externalId: 'ok-1' }),
      '{"callType": "Inbound",',
      '',
      callBody({ callType: 'fax' }),
      '[1, 2]',
      callBody({ externalId: 'ok-2', callStartedAt: 'yesterday' }),
      callBody({ externalId: 'ok-3', organizationId: '01936f5e-0000-7000-8000-000000000000' }),
      callBody({ externalId: 'ok-4' }),
    ]);
    const result = await importFile('mixed.ndjson', content, '--json');
    expect(result.code).toBe(3);
    expect(result.json.imported).toBe(2);
    expect(result.json.rejected).toEqual([
      { line: 2, details: [{ field: 'row', message: 'Not valid JSON', code: 'custom' }] },
      { line: 4, details: [{ field: 'callType', message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'", code: 'invalid_enum_value' }] },
      { line: 5, details: [{ field: 'row', message: 'Expected a JSON object', code: 'custom' }] },
      { line: 6, details: [{ field: 'callStartedAt', message: 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)', code: 'custom' }] },
      { line: 7, details: [{ field: 'organizationId', message: 'Must be the organization being imported into', code: 'custom' }] },
    ]);
    expect((await listed()).pagination.total).toBe(2);

    const readable = await importFile('mixed-again.ndjson', content);
    expect(readable.code).toBe(3);
    expect(readable.stdout).toContain('Imported 0 calls; 2 already present; 5 rejected.');
    expect(readable.stdout).toContain("line 4: callType: Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'");
  });

  it('is idempotent on externalId, across runs, within one file and against calls posted through the API', async () => {
    await newCall(t, tenantKey, organizationId, { externalId: 'posted' });
    const rows = Array.from({ length: 2500 }, (_, index) =>
      callBody({ externalId: `bulk-${index % 2400}`, callStartedAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString() }),
    );
    rows.push(callBody({ externalId: 'posted' }));
    const first = await importFile('bulk.ndjson', ndjson(rows), '--json');
    expect(first.json).toEqual({ imported: 2400, duplicates: 101, rejected: [] });
    const second = await importFile('bulk.ndjson', ndjson(rows), '--json');
    expect(second.json).toEqual({ imported: 0, duplicates: 2501, rejected: [] });
    expect((await listed()).pagination.total).toBe(2401);
  });

  it('gives calls named by agent name alone the agent POST /api/calls would give them', async () => {
    const named = (name: string, externalId: string) => callBody({ agentId: undefined, agentName: name, externalId });
    const result = await importFile('agents.ndjson', ndjson([named('Night Desk', 'n-1'), named('Night Desk', 'n-2'), named('Day Desk', 'd-1')]), '--json');
    expect(result.json.imported).toBe(3);
    const posted = await newCall(t, tenantKey, organizationId, { agentId: undefined, agentName: 'Night Desk' });
    const page = await listed({ agentName: 'night desk' });
    expect(page.pagination.total).toBe(3);
    expect(new Set(page.calls.map((c) => c.agentId))).toEqual(new Set([posted.agentId]));
  });

  it('reads CSV with quoted cells, empty cells as absent fields, and reports malformed rows by line', async () => {
    const csv = [
      'externalId,callType,agentName,phoneNumber,callStartedAt,callEndedAt,callDurationSeconds,callSummary,transcript',
      'c-1,Inbound,"Smith, Assistant",+15559876543,2025-05-01T10:00:00Z,2025-05-01T10:01:00Z,,"Booked, then ""confirmed""","Agent: Hello\nCaller: Hi"',
      'c-2,Web,Smith Assistant,,2025-05-02T10:00:00Z,2025-05-02T10:01:00Z,75,,',
      'c-3,Inbound,too,few,cells',
      'c-4,Outbound,Smith Assistant,+15559876543,2025-05-03T10:00:00Z,2025-05-03T09:00:00Z,,,',
    ].join('\r\n');
    const result = await importFile('calls.csv', csv, '--json');
    expect(result.code).toBe(3);
    expect(result.json.imported).toBe(2);
    expect(result.json.rejected.map((row: { line: number }) => row.line)).toEqual([5, 6]);
    expect(result.json.rejected[1].details).toEqual([
      { field: 'callEndedAt', message: "The 'callEndedAt' date must be after or equal to the 'callStartedAt' date", code: 'custom' },
    ]);
    const page = await listed();
    expect(page.calls.map((c) => [c.agentName, c.callDurationSeconds, c.phoneNumber])).toEqual([
      ['Smith, Assistant', '60', '+15559876543'],
      ['Smith Assistant', '75', null],
    ]);
    const detail = (await call(t.app, 'GET', `/api/calls/${page.calls[0]!.id}`, { key: tenantKey })).body;
    expect(detail.callSummary).toBe('Booked, then "confirmed"');
    const transcript = await t.app.inject({ method: 'GET', url: new URL(detail.transcriptUrl).pathname + new URL(detail.transcriptUrl).search });
    expect(transcript.body).toBe('Agent: Hello\nCaller: Hi');
  });

  it('rejects rows with a NUL, a time outside the four-digit years or an absurd derived duration, in NDJSON and CSV alike', async () => {
    const nul = '\u0000';
    const content = ndjson([
      callBody({ externalId: 'ok-1' }),
      callBody({ externalId: 'nul-1', agentName: `Night${nul}Desk` }),
      callBody({ externalId: 'nul-2', transcript: [{ role: 'user', text: `hi${nul}` }] }),
      callBody({ externalId: 'far-1', callStartedAt: '0000-01-01T00:00:00+01:00', callDurationSeconds: 60 }),
      callBody({ externalId: 'long-1', callStartedAt: '1900-01-01T00:00:00Z', callEndedAt: '9999-12-31T23:59:59Z' }),
    ]);
    const result = await importFile('hostile.ndjson', content, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.json).toEqual({
      imported: 1,
      duplicates: 0,
      rejected: [
        { line: 2, details: [{ field: 'agentName', message: 'Must not contain NUL characters', code: 'invalid_string' }] },
        { line: 3, details: [{ field: 'transcript.0.text', message: 'Must not contain NUL characters', code: 'invalid_string' }] },
        { line: 4, details: [{ field: 'callStartedAt', message: 'Must fall between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z', code: 'custom' }] },
        {
          line: 5,
          details: [{ field: 'callEndedAt', message: "A call may last at most 2147483647 seconds: 'callEndedAt' is too far after 'callStartedAt'", code: 'too_big' }],
        },
      ],
    });

    const csv = [
      'externalId,callType,agentName,phoneNumber,callStartedAt,callEndedAt,callSummary',
      'c-1,Inbound,Smith Assistant,+15559876543,2025-05-01T10:00:00Z,2025-05-01T10:01:00Z,Booked',
      `c-2,Inbound,Smith Assistant,+15559876543,2025-05-01T10:00:00Z,2025-05-01T10:01:00Z,Booked${nul}`,
    ].join('\n');
    const fromCsv = await importFile('hostile.csv', csv, '--json');
    expect(fromCsv.code, fromCsv.stdout + fromCsv.stderr).toBe(3);
    expect(fromCsv.json.rejected).toEqual([{ line: 3, details: [{ field: 'callSummary', message: 'Must not contain NUL characters', code: 'invalid_string' }] }]);
    expect((await listed()).calls.map((c) => c.callStartedAt)).toEqual(['2025-05-01T10:00:00Z', '2025-05-28T14:20:15Z']);
  });

  it('refuses a missing file and an unknown format with exit 2, and an unknown organization with exit 1', async () => {
    const env = { DATABASE_URL: databaseUrl(t.app.config.database), LOG_LEVEL: 'silent' };
    const missing = await runCli(['import', path.join(directory, 'absent.ndjson'), '--org', organizationId, '--json'], env);
    expect(missing.code).toBe(2);
    expect(missing.json.error).toContain('Cannot read');
    const format = await importFile('calls.txt', '', '--format', 'xml', '--json');
    expect(format.code).toBe(2);
    expect(format.json.error).toContain('xml');
    const file = path.join(directory, 'empty.ndjson');
    await fs.writeFile(file, '');
    const unknown = await runCli(['import', file, '--org', '01936f5e-0000-7000-8000-000000000000', '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.json.error).toContain('No organization');
  });

  it('keeps the List Calls counters exact for what it imports, split buckets included', async () => {
    const start = Date.parse('2025-01-28T00:00:00Z');
    const rows = Array.from({ length: 40 }, (_, index) => {
      const started = start + index * 7 * 3600_000;
      const duration = (index * 17) % 150;
      return callBody({
        externalId: `counted-${index}`,
        callType: ['Inbound', 'Outbound', 'Web'][index % 3],
        phoneNumber: index % 3 === 2 ? undefined : '+15559876543',
        agentId: index % 2 === 0 ? 'agent-a' : undefined,
        agentName: index % 2 === 0 ? 'Front Desk' : 'Night Nurse',
        userPrimaryIntent: index % 4 === 0 ? undefined : ['Book', 'billing'][index % 2],
        callStartedAt: new Date(started).toISOString(),
        callEndedAt: new Date(started + duration * 1000).toISOString(),
        callDurationSeconds: duration,
      });
    });
    const file = path.join(directory, 'counted.ndjson');
    await fs.writeFile(file, ndjson(rows));
    const env = { DATABASE_URL: databaseUrl(t.app.config.database), LOG_LEVEL: 'silent', COUNT_SPLIT_ABOVE: '3' };
    const result = await runCli(['import', file, '--org', organizationId, '--json'], env);
    expect(result.code, result.stdout).toBe(0);

    const stored = await storedModelCalls(t.db, organizationId);
    expect(stored).toHaveLength(40);
    await expectCountersExact(t.db, organizationId, stored);
    expect((await storedCounters(t.db, organizationId)).split.size).toBeGreaterThan(0);
    const query = { userPrimaryIntent: 'BOOK', from: '2025-02-01T03:00:00Z', to: '2025-02-06T00:00:00Z', sort: 'duration_desc' as const, limit: 3, page: 2 };
    const page = await listed({ userPrimaryIntent: query.userPrimaryIntent, from: query.from, to: query.to, sort: query.sort, limit: '3', page: '2' });
    const expected = expectedAnswer(stored, query);
    expect(page.pagination).toEqual(expected.pagination);
    expect(page.calls.map((c) => c.id)).toEqual(expected.ids);
  });
});
