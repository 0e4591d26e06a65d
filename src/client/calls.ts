import type { Transport } from './transport.js';
import type { Call, CallFilters, CallStats, CallStatsParams, CallSummary, CreateCallInput, ExportCallsParams, GetCallParams, ListCallsParams, ListCallsResponse } from './types.js';

/** The largest page List Calls gives, so walking every call takes as few requests as it can. */
const LARGEST_PAGE = 20;

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
   * Every call matching the filters, page after page; the next page is asked for only when the
   * calls before it have been taken, so stopping early costs nothing more.
   */
  async *iterate(filters: CallFilters): AsyncGenerator<CallSummary> {
    for (let page = 1; ; page += 1) {
      const { calls, pagination } = await this.list({ ...filters, page, limit: LARGEST_PAGE });
      yield* calls;
      if (!pagination.hasNextPage) return;
    }
  }

  /** Get Call: every detail, with one-hour links to the transcript and the recording. */
  get(id: string, params: GetCallParams = {}): Promise<Call> {
    return this.transport.json({ method: 'GET', path: `/api/calls/${encodeURIComponent(id)}`, query: params });
  }

  /** Records a finished call; with an `externalId` already stored, returns the stored call. */
  create(call: CreateCallInput): Promise<Call> {
    return this.transport.json({ method: 'POST', path: '/api/calls', body: call });
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
