/**
 * The closed vocabularies of calls, free of any schema library so the dashboard can import them
 * as they are and never drift from what the API accepts.
 */
export const callTypes = ['Inbound', 'Outbound', 'Web'] as const;
export type CallType = (typeof callTypes)[number];

export const callSorts = ['desc', 'asc', 'duration_desc', 'duration_asc'] as const;
export type CallSort = (typeof callSorts)[number];
