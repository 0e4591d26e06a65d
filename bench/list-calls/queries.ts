import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { INTENTS, type Dataset } from './dataset.js';

export interface QueryClass {
  name: string;
  organizationId: string;
  params: Record<string, string>;
}

export interface ListAnswer {
  calls: Array<{ id: string }>;
  pagination: { total: number; totalPages: number; page: number; limit: number };
}

/** Where a class reads: a fixed page, or one found from the query's own total when the run starts. */
export type PagePosition = number | 'middle' | 'last';

export interface QueryMix extends QueryClass {
  page?: PagePosition;
}

/**
 * The query mix: the default page, middle and last pages, each filter, the filters combined, each
 * sort, ranges that cut days in two, a duration sort within a range, and a small organization.
 */
export function queryClasses(dataset: Dataset): QueryMix[] {
  const large = dataset.largeOrganizationId;
  const of = (name: string, params: Record<string, string>, page?: PagePosition, organizationId = large): QueryMix => ({ name, organizationId, params, page });
  const combined = { callType: 'Inbound', agentName: 'desk', userPrimaryIntent: INTENTS[0]!, from: '2024-02-01T00:00:00-06:00', to: '2025-02-01T00:00:00Z' };
  return [
    of('default page', {}),
    of('middle page', {}, 'middle'),
    of('last page', {}, 'last'),
    of('callType', { callType: 'Outbound' }),
    of('agentName, 3 agents, last page', { agentName: 'assistant' }, 'last'),
    of('userPrimaryIntent', { userPrimaryIntent: INTENTS[3]!.toUpperCase() }),
    of('from/to', { from: '2024-03-01T00:00:00Z', to: '2024-05-31T23:59:59Z' }),
    of('from/to mid-day, asc, middle', { from: '2024-03-10T13:17:05Z', to: '2025-01-20T08:45:00Z', sort: 'asc' }, 'middle'),
    of('combined, page 5', combined, 5),
    of('combined, last page', combined, 'last'),
    of('sort=asc, middle', { sort: 'asc' }, 'middle'),
    of('sort=duration_desc', { sort: 'duration_desc' }),
    of('sort=duration_asc, middle', { sort: 'duration_asc' }, 'middle'),
    of('type+intent, duration_desc, last', { callType: 'Web', userPrimaryIntent: INTENTS[1]!, sort: 'duration_desc' }, 'last'),
    of('duration_desc within a week', { from: '2024-06-03T00:00:00Z', to: '2024-06-09T23:59:59Z', sort: 'duration_desc' }),
    of('small organization', {}, undefined, dataset.smallOrganizationId),
  ];
}

export function queryPath(query: QueryClass): string {
  return `/api/calls?${new URLSearchParams({ organizationId: query.organizationId, limit: '20', ...query.params }).toString()}`;
}

const instant = (text: string) => new Date(text).getTime();

/** The matching calls, written out in plain SQL apart from the service, so a fast wrong answer shows. */
function conditions(query: QueryClass): RawBuilder<unknown> {
  const { params } = query;
  const parts: Array<RawBuilder<unknown>> = [sql`c.organization_id = ${query.organizationId}`];
  if (params.callType !== undefined) parts.push(sql`c.call_type = ${params.callType}`);
  if (params.userPrimaryIntent !== undefined) parts.push(sql`lower(c.user_primary_intent) = ${params.userPrimaryIntent.toLowerCase()}`);
  if (params.from !== undefined) parts.push(sql`c.started_at >= ${instant(params.from)}`);
  if (params.to !== undefined) parts.push(sql`c.started_at <= ${instant(params.to)}`);
  if (params.agentName !== undefined) {
    parts.push(sql`c.agent_id in (select a.id from agents a where a.organization_id = c.organization_id and lower(a.name) like ${`%${params.agentName.toLowerCase()}%`})`);
  }
  return sql.join(parts, sql` and `);
}

const orderings: Record<string, RawBuilder<unknown>> = {
  desc: sql`c.started_at desc, c.id desc`,
  asc: sql`c.started_at asc, c.id asc`,
  duration_desc: sql`c.duration_seconds desc, c.id desc`,
  duration_asc: sql`c.duration_seconds asc, c.id asc`,
};

export async function referenceCount(db: Database, query: QueryClass): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from calls c where ${conditions(query)}`.execute(db);
  return Number(rows[0]!.n);
}

export async function referencePage(db: Database, query: QueryClass): Promise<string[]> {
  const page = Number(query.params.page ?? 1);
  const order = orderings[query.params.sort ?? 'desc']!;
  const { rows } = await sql<{ id: string }>`select c.id from calls c where ${conditions(query)} order by ${order} limit 20 offset ${(page - 1) * 20}`.execute(db);
  return rows.map((row) => row.id);
}
