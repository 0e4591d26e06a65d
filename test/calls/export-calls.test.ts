import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportStream, startCallExport } from '../../src/calls/call-export.js';
import { exportCallsQuery, type ExportedCall } from '../../src/calls/calls.schemas.js';
import { backends } from '../support/backends.js';
import { importHistory } from '../support/call-history.js';
import { CALL_DETAIL_KEYS } from '../support/contract.js';
import { newCall, twoTenants } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

/** More than two of the export's batches of 500, so the walk crosses batch boundaries. */
const HISTORY = 1234;
const EXPORTED_KEYS = CALL_DETAIL_KEYS.filter((key) => key !== 'transcriptUrl' && key !== 'recordingUrl');

type Row = Record<string, string | null>;

describe.each(backends)('GET /api/calls/export on %s', (backend) => {
  const t = useTestApp(backend);
  let world: Awaited<ReturnType<typeof twoTenants>>;

  beforeEach(async () => {
    world = await twoTenants(t);
    await importHistory(t, world.orgA1.id, HISTORY);
    await importHistory(t, world.orgA2.id, 3, 'sibling');
  });

  const exportOf = (query: Record<string, string>, key = world.tenantA.apiKey) =>
    call(t.app, 'GET', '/api/calls/export', { key, query: { organizationId: world.orgA1.id, ...query } });

  /** List Calls, page after page, as a client without the export would gather it. */
  async function everyPage(query: Record<string, string>) {
    const calls: Row[] = [];
    for (let page = 1; ; page += 1) {
      const response = await call(t.app, 'GET', '/api/calls', { key: world.tenantA.apiKey, query: { organizationId: world.orgA1.id, ...query, limit: 20, page } });
      expect(response.status, response.text).toBe(200);
      calls.push(...response.body.calls);
      if (!response.body.pagination.hasNextPage) return calls;
    }
  }

  const ndjsonRows = (text: string): Row[] => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Row);
  const csvRows = (text: string): Row[] =>
    (parse(text, { columns: true }) as Array<Record<string, string>>).map((record) =>
      Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === '' ? null : value])),
    );

  describe.each([
    ['the default order', {}],
    ['duration, ascending, of inbound calls', { sort: 'duration_asc', callType: 'Inbound' }],
    ['an agent and a date range, ascending', { agentName: 'SMITH', from: '2025-05-05T00:00:00Z', to: '2025-05-10T12:00:00+02:00', sort: 'asc' }],
    ['an intent, longest first', { userPrimaryIntent: 'BILLING', sort: 'duration_desc' }],
    ['words searched for, of inbound calls', { q: 'CLEAN tues', callType: 'Inbound' }],
  ])('by %s', (_name, query: Record<string, string>) => {
    it.each(['csv', 'ndjson'])('equals the paged list exactly as %s', async (format) => {
      const listed = await everyPage(query);
      expect(listed.length).toBeGreaterThan(0);
      const response = await exportOf({ ...query, format });
      expect(response.status, response.text).toBe(200);
      expect(response.headers['x-total-count']).toBe(String(listed.length));
      const rows = format === 'csv' ? csvRows(response.text) : ndjsonRows(response.text);
      expect(rows.map((row) => row.id)).toEqual(listed.map((summary) => summary.id));
      for (const [index, row] of rows.entries()) {
        expect(Object.keys(row)).toEqual(EXPORTED_KEYS);
        expect(row).toMatchObject(listed[index]!);
      }
      for (const row of rows.filter((_, index) => index % 97 === 0)) {
        const detail = await call(t.app, 'GET', `/api/calls/${row.id}`, { key: world.tenantA.apiKey });
        const { transcriptUrl: _transcript, recordingUrl: _recording, ...fields } = detail.body;
        expect(row).toEqual(fields);
      }
    });
  });

  it('names its format, its size and a file name, and quotes what CSV must quote', async () => {
    const response = await exportOf({ format: 'csv' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="calls-${world.orgA1.id}.csv"`);
    expect(response.text.split('\n')[0]).toBe(EXPORTED_KEYS.join(','));
    expect(response.text).toContain('"Said ""call me back""\nthen hung up."');
    const ndjson = await exportOf({ format: 'ndjson' });
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson');
  });

  it('exports CSV by default, and a header alone when nothing matches', async () => {
    const response = await exportOf({ agentName: 'nobody at all' });
    expect(response.status).toBe(200);
    expect(response.headers['x-total-count']).toBe('0');
    expect(response.text).toBe(`${EXPORTED_KEYS.join(',')}\n`);
    expect((await exportOf({ agentName: 'nobody at all', format: 'ndjson' })).text).toBe('');
  });

  it("serves the organization's own key, and no other organization's calls", async () => {
    const response = await exportOf({ format: 'ndjson' }, world.orgA1Key);
    const rows = ndjsonRows(response.text);
    expect(rows).toHaveLength(HISTORY);
    expect(rows.every((row) => row.organizationId === world.orgA1.id)).toBe(true);
  });

  it.each([
    [{ format: 'xml' }, 'format', 'invalid_enum_value'],
    [{ from: 'yesterday' }, 'from', 'custom'],
    [{ from: '2025-06-01T00:00:00Z', to: '2025-05-01T00:00:00Z' }, 'from', 'custom'],
    [{ sort: 'random' }, 'sort', 'invalid_enum_value'],
  ])('refuses %j with a 400 naming the field', async (query, field, code) => {
    const response = await exportOf(query);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'Invalid request data', details: [{ field, code }] });
  });

  it('holds the calls recorded up to its start, and none recorded while it runs', async () => {
    const query = exportCallsQuery.parse({ organizationId: world.orgA1.id, sort: 'asc' });
    const exported = await startCallExport(t.db, world.orgA1.id, query, t.clock.now());
    expect(exported.total).toBe(HISTORY);
    const first = await exported.calls.next();
    expect(first.done).toBe(false);
    t.clock.advance(1000);
    const late: string[] = [];
    for (const start of ['2025-05-01T00:00:00Z', '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) {
      late.push((await newCall(t, world.tenantA.apiKey, world.orgA1.id, { callStartedAt: start, callEndedAt: start })).id);
    }
    const rest: string[] = [];
    for await (const exportedCall of exported.calls) rest.push(exportedCall.id);
    expect(rest).toHaveLength(HISTORY - 1);
    expect(rest.filter((id) => late.includes(id))).toEqual([]);
    expect((await everyPage({ sort: 'asc' })).length).toBe(HISTORY + late.length);
  });
});

describe('the export stream', () => {
  it.each(['csv', 'ndjson'] as const)('fails as %s, rather than ending early, when the walk fails midway', async (format) => {
    async function* failing(): AsyncGenerator<ExportedCall> {
      yield { id: 'first' } as ExportedCall;
      throw new Error('database gone');
    }
    const read = (async () => {
      for await (const _chunk of exportStream(failing(), format));
    })();
    await expect(read).rejects.toThrow('database gone');
  });
});
