import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../db/database.js';
import { foldCase } from '../shared/like-pattern.js';

/**
 * The agent a call names: by its id when the runtime sends one (its latest name wins), otherwise by
 * name within the organization. A new agent known only by name gets an id derived from that name,
 * so concurrent first calls from one agent converge on one row instead of racing to create two.
 */
export async function resolveAgent(
  db: Database,
  organizationId: string,
  agent: { id: string | undefined; name: string },
  now: number,
): Promise<string> {
  if (agent.id !== undefined) {
    await db
      .insertInto('agents')
      .values({ organization_id: organizationId, id: agent.id, name: agent.name, created_at: now })
      .onConflict((conflict) =>
        conflict
          .columns(['organization_id', 'id'])
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
          .where((eb) => eb('agents.name', '<>', eb.ref('excluded.name'))),
      )
      .execute();
    return agent.id;
  }
  const existing = await db
    .selectFrom('agents')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('name', '=', agent.name)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (existing !== undefined) return existing.id;
  const id = uuidv5(agent.name, organizationId);
  await db
    .insertInto('agents')
    .values({ organization_id: organizationId, id, name: agent.name, created_at: now })
    .onConflict((conflict) => conflict.columns(['organization_id', 'id']).doNothing())
    .execute();
  return id;
}

/** Ids of the organization's agents whose name contains `fragment`, ignoring case. */
export async function agentIdsMatching(db: Database, organizationId: string, fragment: string): Promise<string[]> {
  const agents = await db.selectFrom('agents').select(['id', 'name']).where('organization_id', '=', organizationId).execute();
  const needle = foldCase(fragment);
  return agents.filter((agent) => foldCase(agent.name).includes(needle)).map((agent) => agent.id);
}
