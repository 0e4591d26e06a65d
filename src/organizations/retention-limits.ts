/** How long an organization may keep its calls, in whole days after each call started: at most a century. Free of any schema library so the dashboard can use it as it is. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 36_500;
