import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../db/database.js';
import { foldCase } from '../shared/like-pattern.js';

/**
 * The agent a call names: by its id when the runtime sends one (its latest name wins), otherwise by
 * name within the organization. The same rules as a batch of imported calls follow, one agent at a time.
 */
export async function resolveAgent(
  db: Database,
  organizationId: string,
  agent: { id: string | undefined; name: string },
  now: number,
): Promise<string> {
  if (agent.id !== undefined) {
    await upsertAgentsById(db, organizationId, new Map([[agent.id, agent.name]]), now);
    return agent.id;
  }
  const resolved = await resolveAgentsByName(db, organizationId, new Set([agent.name]), now);
  return resolved.get(agent.name) as string;
}

/**
 * Ids of the organization's agents whose name contains `fragment`, ignoring case. Compared here
 * rather than in SQL: case folding as `foldCase` does it (NFKC, then Unicode lower case) is not
 * something SQLite and PostgreSQL can both do alike. However many match, the filters bind them as
 * one list value (text-list.ts).
 */
export async function agentIdsMatching(db: Database, organizationId: string, fragment: string): Promise<string[]> {
  const agents = await db.selectFrom('agents').select(['id', 'name']).where('organization_id', '=', organizationId).execute();
  const needle = foldCase(fragment);
  return agents.filter((agent) => foldCase(agent.name).includes(needle)).map((agent) => agent.id);
}

/** Creates or renames many agents known by id at once; the last name given for an id wins. */
export async function upsertAgentsById(db: Database, organizationId: string, agents: Map<string, string>, now: number): Promise<void> {
  if (agents.size === 0) return;
  await db
    .insertInto('agents')
    .values([...agents].map(([id, name]) => ({ organization_id: organizationId, id, name, created_at: now })))
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'id'])
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
        .where((eb) => eb('agents.name', '<>', eb.ref('excluded.name'))),
    )
    .execute();
}

/**
 * The ids of agents named without an id: the oldest agent of that name, or a new agent whose id is
 * derived from the name, so concurrent first calls from one agent converge on one row instead of
 * racing to create two.
 */
export async function resolveAgentsByName(db: Database, organizationId: string, names: Set<string>, now: number): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  if (names.size === 0) return resolved;
  const existing = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('name', 'in', [...names])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const agent of existing) resolved.set(agent.name, agent.id);
  const created = [...names].filter((name) => !resolved.has(name)).map((name) => ({ organization_id: organizationId, id: uuidv5(name, organizationId), name, created_at: now }));
  if (created.length > 0) {
    await db.insertInto('agents').values(created).onConflict((conflict) => conflict.columns(['organization_id', 'id']).doNothing()).execute();
    for (const agent of created) resolved.set(agent.name, agent.id);
  }
  return resolved;
}
