import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { createOrganization } from '../../src/organizations/organizations.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { organizationBody, type Dataset } from './dataset.js';
import { drive, type LoadFigures } from './load.js';
import { queryPath, referenceCount, type ListAnswer } from './queries.js';

export interface WriteFigures {
  figures: LoadFigures;
  /** List Calls answers checked while the writes ran, and how many broke the bounds. */
  checks: number;
  wrong: number;
}

/**
 * POST /api/calls at full concurrency into a fresh organization. Meanwhile List Calls is asked for
 * that organization's total again and again, each answer bracketed by plain SQL counts taken just
 * before and just after it: as calls are only added, an exact total lies between the two.
 */
export async function measureWrites(
  app: FastifyInstance,
  db: Database,
  url: string,
  dataset: Dataset,
  options: { connections: number; seconds: number },
): Promise<WriteFigures & { organizationId: string }> {
  const writer = { tenantId: dataset.tenantId, keyId: null };
  const organizationId = (await createOrganization(db, systemClock, writer, organizationBody(`Bench writes ${Date.now()}`))).organization.id;
  const headers = { authorization: `Bearer ${dataset.tenantKey}` };
  const body = JSON.stringify({
    organizationId,
    externalId: '[<id>]',
    callType: 'Inbound',
    agentId: 'agent-0',
    agentName: 'Front Desk Assistant',
    phoneNumber: '+15559876543',
    callStartedAt: '2025-05-28T14:20:15Z',
    callEndedAt: '2025-05-28T14:23:15Z',
    userPrimaryIntent: 'Book appointment',
  });
  const query = { name: 'writes', organizationId, params: {} };
  let running = true;
  let checks = 0;
  let wrong = 0;
  const checker = (async () => {
    while (running) {
      const before = await referenceCount(db, query);
      const response = await app.inject({ method: 'GET', url: queryPath(query), headers });
      const after = await referenceCount(db, query);
      const { pagination, calls } = response.json() as ListAnswer;
      checks += 1;
      if (response.statusCode !== 200 || pagination.total < before || pagination.total > after || calls.length !== Math.min(20, pagination.total)) wrong += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const figures = await drive(`${url}/api/calls`, {
    connections: options.connections,
    seconds: options.seconds,
    headers: { ...headers, 'content-type': 'application/json' },
    method: 'POST',
    body,
  });
  running = false;
  await checker;
  return { figures, checks, wrong, organizationId };
}
