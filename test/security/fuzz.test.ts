import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { newCall, newOrganizationKey } from '../support/fixtures.js';
import { bearer } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';
import { documentedFields, hostileRequests, LEAK, type HostileRequest } from './hostile-input.js';
import { routeCatalogue } from './route-catalogue.js';
import { securityWorld } from './security-world.js';

/** Inputs per route and key on each database; FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 750);

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

describe.each(backends)('hostile input on every route, on %s', (backend) => {
  const t = useTestApp(backend);
  const tried: Record<string, number> = {};
  const statuses: Record<number, number> = {};

  afterAll(() => {
    const total = Object.values(tried).reduce((sum, count) => sum + count, 0);
    console.log(`[figures] fuzz on ${backend}: ${total} inputs over ${Object.keys(tried).length} routes, statuses ${JSON.stringify(statuses)}`);
  });

  /** The security world, plus calls and a key in organizations the A1 keys must never see. */
  async function fuzzWorld() {
    const world = await securityWorld(t);
    const b1Call = await newCall(t, world.tenantBKey, world.orgB1.id, { agentName: 'Canary B1 agent', callSummary: 'Canary B1 summary', userName: 'Canary B1 patient' });
    const b1Key = await newOrganizationKey(t, world.tenantBKey, world.orgB1.id, 'Canary B1 key');
    const a2Call = await newCall(t, world.tenantA.apiKey, world.orgA2.id, { agentName: 'Canary A2 agent', callSummary: 'Canary A2 summary', userName: 'Canary A2 patient' });
    const otherTenant = [world.tenantB.tenantId, world.orgB1.id, b1Call.id, b1Key.id, b1Key.key, 'Canary B1', 'B1 Clinic'];
    const siblings = [world.orgA2.id, a2Call.id, 'Canary A2', 'A2 Clinic', world.a3.organizationId, world.a3.callId];
    return {
      world,
      foreignIds: [world.tenantB.tenantId, world.orgB1.id, b1Call.id, b1Key.id, world.orgA2.id, a2Call.id, world.a3.organizationId, world.a3.callId],
      keys: [
        { name: 'tenant key', key: world.tenantA.apiKey, unseen: otherTenant },
        { name: 'organization key', key: world.orgA1Key, unseen: [...otherTenant, ...siblings] },
      ],
    };
  }

  describe.each(routeCatalogue)('$route', (entry) => {
    let setting: Awaited<ReturnType<typeof fuzzWorld>>;

    beforeEach(async () => {
      setting = await fuzzWorld();
    });

    it('answers every input without a 5xx, a stack trace, or another organization\'s data', async () => {
      const method = entry.route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const fields = documentedFields(t.app.swagger(), entry.route);
      for (const { key, unseen } of setting.keys) {
        // What this key sent earlier is stored and may come back later, in another run's answer
        // (an agent id it posted, say): only what it never sent counts as a leak.
        let sentSoFar = '';
        await fc.assert(
          fc.asyncProperty(hostileRequests(entry, setting.world.a1, setting.foreignIds, fields), async (request: HostileRequest) => {
            tried[entry.route] = (tried[entry.route] ?? 0) + 1;
            const response = await t.app.inject({
              method,
              url: request.url,
              headers: { ...bearer(key), ...(request.body === undefined ? {} : { 'content-type': request.contentType }) },
              ...(request.body === undefined ? {} : { payload: request.body }),
            });
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
            expect(response.statusCode, response.body).toBeLessThan(500);
            expect(response.body).not.toMatch(LEAK);
            sentSoFar += decoded(request.url) + (request.body ?? '');
            for (const secret of unseen) {
              if (response.body.includes(secret)) expect(sentSoFar, `answer shows ${secret}`).toContain(secret);
            }
          }),
          { numRuns: RUNS },
        );
      }
    });
  });
});
