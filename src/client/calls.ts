import type { Transport } from './transport.js';
import type { Call, CallFilters, CallStats, CallStatsParams, CreateCallInput, ExportCallsParams, ExportedCall, GetCallParams, ListCallsParams, ListCallsResponse } from './types.js';

export interface CallsExport {
  /** How many calls the export holds (`X-Total-Count`). */
  total: number;
  /** The file's bytes as they arrive: CSV or NDJSON. */
  body: AsyncIterable<Uint8Array>;
}

export class CallsResource {
  constructor(private readonly transport: Transport) {}

  /** List Calls: one page. */
  list(params: ListCallsParams): Promise<ListCallsResponse> {
    return this.transport.json({ method: 'GET', path: '/api/calls', query: params });
  }

  /**
   * Every call matching the filters, as the organization held them when the walk began: read from
   * the NDJSON export, which walks its own snapshot by key, so a call recorded meanwhile cannot
   * shift a page and make the walk repeat or skip one, as numbered pages would. The calls are read
   * as they are taken, so stopping early reads little more.
   */
  async *iterate(filters: CallFilters): AsyncGenerator<ExportedCall> {
    const { body } = await this.export({ ...filters, format: 'ndjson' });
    const decoder = new TextDecoder();
    let pending = '';
    for await (const bytes of body) {
      const lines = (pending + decoder.decode(bytes, { stream: true })).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield JSON.parse(line) as ExportedCall;
    }
    pending += decoder.decode();
    if (pending !== '') yield JSON.parse(pending) as ExportedCall;
  }

  /** Get Call: every detail, with one-hour links to the transcript and the recording. */
  get(id: string, params: GetCallParams = {}): Promise<Call> {
    return this.transport.json({ method: 'GET', path: `/api/calls/${encodeURIComponent(id)}`, query: params });
  }

  /**
   * Records a finished call; with an `externalId` already stored, returns the stored call. Only a
   * call with an `externalId` is sent again after a 503: without one, a repeat could record it twice.
   */
  create(call: CreateCallInput): Promise<Call> {
    return this.transport.json({ method: 'POST', path: '/api/calls', body: call, idempotent: (call.externalId ?? '') !== '' });
  }

  /** The call's transcript as plain text, through its pre-signed link; null when it has none. */
  async transcript(id: string, params: GetCallParams = {}): Promise<string | null> {
    const { transcriptUrl } = await this.get(id, params);
    if (transcriptUrl === null) return null;
    return (await this.transport.send({ method: 'GET', path: transcriptUrl })).text();
  }

  /** Figures over the calls the filters select: per day, by intent, sentiment and agent, durations. */
  stats(params: CallStatsParams): Promise<CallStats> {
    return this.transport.json({ method: 'GET', path: '/api/calls/stats', query: params });
  }

  /** Every call matching the filters as one CSV or NDJSON file, streamed. */
  async export(params: ExportCallsParams): Promise<CallsExport> {
    const response = await this.transport.send({ method: 'GET', path: '/api/calls/export', query: params });
    return {
      total: Number(response.headers.get('x-total-count')),
      // Node's web streams are async iterables; the DOM typings do not say so.
      body: (response.body ?? new ReadableStream<Uint8Array>()) as unknown as AsyncIterable<Uint8Array>,
    };
  }
}
