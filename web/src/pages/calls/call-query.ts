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

export interface CallListView extends CallFilters {
  sort: CallSort;
  page: number;
  limit: number;
}

export const PAGE_SIZES = [10, 20] as const;

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
    sort: callSorts.find((value) => value === sort) ?? 'desc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: PAGE_SIZES.find((size) => size === limit) ?? 10,
  };
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
