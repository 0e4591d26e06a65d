// What List Calls must answer, computed from a plain list of calls, apart from the implementation.

export interface ModelCall {
  id: string;
  callType: 'Inbound' | 'Outbound' | 'Web';
  /** The stored agent id, read back from the store (it may be derived from the name). */
  agentId: string;
  agentName: string;
  /** As stored: trimmed, or null when none was given. */
  intent: string | null;
  /** Whole milliseconds, already cut to the second as stored. */
  startedAt: number;
  duration: number;
}

export interface ModelQuery {
  callType?: string;
  agentName?: string;
  userPrimaryIntent?: string;
  from?: string;
  to?: string;
  sort: 'desc' | 'asc' | 'duration_desc' | 'duration_asc';
  page: number;
  limit: number;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
const compareIds = (a: ModelCall, b: ModelCall) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const orders = {
  asc: (a: ModelCall, b: ModelCall) => a.startedAt - b.startedAt || compareIds(a, b),
  desc: (a: ModelCall, b: ModelCall) => b.startedAt - a.startedAt || compareIds(b, a),
  duration_asc: (a: ModelCall, b: ModelCall) => a.duration - b.duration || compareIds(a, b),
  duration_desc: (a: ModelCall, b: ModelCall) => b.duration - a.duration || compareIds(b, a),
};

export function matches(call: ModelCall, query: ModelQuery): boolean {
  if (query.callType !== undefined && call.callType !== query.callType) return false;
  if (query.agentName !== undefined && !fold(call.agentName).includes(fold(query.agentName))) return false;
  if (query.userPrimaryIntent !== undefined && (call.intent === null || fold(call.intent) !== fold(query.userPrimaryIntent))) return false;
  if (query.from !== undefined && call.startedAt < Date.parse(query.from)) return false;
  if (query.to !== undefined && call.startedAt > Date.parse(query.to)) return false;
  return true;
}

export function expectedAnswer(calls: ModelCall[], query: ModelQuery) {
  const matching = calls.filter((call) => matches(call, query)).sort(orders[query.sort]);
  const total = matching.length;
  const totalPages = Math.ceil(total / query.limit);
  return {
    ids: matching.slice((query.page - 1) * query.limit, query.page * query.limit).map((call) => call.id),
    pagination: {
      page: query.page,
      limit: query.limit,
      total,
      totalPages,
      hasNextPage: query.page < totalPages,
      hasPreviousPage: query.page > 1,
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * The counter rows the store should hold for these calls, written out independently of
 * src/calls/call-count-keys.ts: per call type, alone and with the agent, the intent or both, UTC
 * months (level 1) and 64-second spans of duration (level 3), and, within the coarse buckets the
 * store has split, UTC days (level 2) and single seconds (level 4); plus, at every level, one row
 * (mask 0) counting all the bucket's calls.
 */
export function expectedCounterRows(calls: ModelCall[], split: Set<string>): Map<string, number> {
  const rows = new Map<string, number>();
  const add = (key: string) => rows.set(key, (rows.get(key) ?? 0) + 1);
  for (const call of calls) {
    const start = new Date(call.startedAt);
    const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
    const day = Math.floor(call.startedAt / DAY_MS) * DAY_MS;
    const span = call.duration - (call.duration % 64);
    add(JSON.stringify([0, '', '', '', 1, month]));
    add(JSON.stringify([0, '', '', '', 3, span]));
    if (split.has(`1|${month}`)) add(JSON.stringify([0, '', '', '', 2, day]));
    if (split.has(`3|${span}`)) add(JSON.stringify([0, '', '', '', 4, call.duration]));
    for (const mask of [1, 3, 5, 7]) {
      if (mask & 4 && call.intent === null) continue;
      const dims = [call.callType, mask & 2 ? call.agentId : '', mask & 4 ? fold(call.intent as string) : ''];
      const key = (level: number, bucket: number) => JSON.stringify([mask, ...dims, level, bucket]);
      add(key(1, month));
      add(key(3, span));
      if (split.has(`1|${month}`)) add(key(2, day));
      if (split.has(`3|${span}`)) add(key(4, call.duration));
    }
  }
  return rows;
}
