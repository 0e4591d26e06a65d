import { callSorts, callTypes, type CallSort, type CallType } from '../../../../src/calls/call-vocabulary.js';
import type { Query } from '../../api/client.js';
import { endOfDay, isDay, startOfDay, type Day } from '../../time.js';

/** The filters of the call pages as the address bar carries them, so a view can be bookmarked and shared. */
export interface CallFilters {
  callType?: CallType;
  agentName?: string;
  userPrimaryIntent?: string;
  /** Local days in the organization's time zone; the API is asked for the instants they span. */
  from?: Day;
  to?: Day;
}

/** The Calls page adds what List Calls alone takes: words to search for, order and paging. */
export interface CallListView extends CallFilters {
  /** Words of the transcript or summary, as typed. */
  q?: string;
  sort: CallSort;
  page: number;
  limit: number;
}

export const PAGE_SIZES = [10, 20] as const;

/** List Calls' limit on `q`. */
export const MAX_SEARCH_LENGTH = 200;

const text = (value: string | null) => (value === null || value.trim() === '' ? undefined : value.trim());

export function filtersFrom(params: URLSearchParams): CallFilters {
  const callType = params.get('callType');
  const from = params.get('from');
  const to = params.get('to');
  return {
    callType: callTypes.find((type) => type === callType),
    agentName: text(params.get('agentName')),
    userPrimaryIntent: text(params.get('userPrimaryIntent')),
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
  };
}

export function listViewFrom(params: URLSearchParams): CallListView {
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  const limit = Number(params.get('limit'));
  return {
    ...filtersFrom(params),
    q: text(params.get('q')?.slice(0, MAX_SEARCH_LENGTH) ?? null),
    sort: callSorts.find((value) => value === sort) ?? 'desc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: PAGE_SIZES.find((size) => size === limit) ?? 10,
  };
}

/** List Calls' query for a view of the Calls page. */
export function listQuery(view: CallListView, organizationId: string, timeZone: string): Query {
  return { ...apiFilters(view, organizationId, timeZone), q: view.q, sort: view.sort, page: view.page, limit: view.limit };
}

/** Whether anything narrows the list, so an empty page means "nothing matches" rather than "nothing yet". */
export function isNarrowed(view: CallListView): boolean {
  return [view.q, view.callType, view.agentName, view.userPrimaryIntent, view.from, view.to].some((value) => value !== undefined);
}

/** The query the API takes for these filters: days become the first and last second they span locally. */
export function apiFilters(filters: CallFilters, organizationId: string, timeZone: string): Query {
  return {
    organizationId,
    callType: filters.callType,
    agentName: filters.agentName,
    userPrimaryIntent: filters.userPrimaryIntent,
    from: filters.from === undefined ? undefined : startOfDay(filters.from, timeZone),
    to: filters.to === undefined ? undefined : endOfDay(filters.to, timeZone),
  };
}

/** The address bar's parameters for a view, leaving defaults out so links stay short. */
export function paramsOf(view: Partial<CallListView>): URLSearchParams {
  const params = new URLSearchParams();
  const entries: Array<[string, string | number | undefined]> = [
    ['q', view.q],
    ['callType', view.callType],
    ['agentName', view.agentName],
    ['userPrimaryIntent', view.userPrimaryIntent],
    ['from', view.from],
    ['to', view.to],
    ['sort', view.sort === 'desc' ? undefined : view.sort],
    ['limit', view.limit === 10 ? undefined : view.limit],
    ['page', view.page === 1 ? undefined : view.page],
  ];
  for (const [name, value] of entries) if (value !== undefined && value !== '') params.set(name, String(value));
  return params;
}
