import { importCalls, type ImportRecord } from '../../src/calls/call-import.js';
import type { TestApp } from './test-app.js';

const AGENTS = [
  ['agent-smith', 'Dr. Smith Assistant'],
  ['agent-billing', 'Billing Bot'],
  ['agent-nurse', 'Night Nurse'],
] as const;
const TYPES = ['Inbound', 'Outbound', 'Web'] as const;
const INTENTS = ['Book appointment', 'billing', 'Refill', undefined] as const;
/** Text a CSV writer must quote: commas, quotes, line breaks, and a leading formula sign. */
const SUMMARIES = ['Booked a cleaning, Tuesday at 9.', 'Said "call me back"\nthen hung up.', '=1+1', undefined] as const;

/**
 * Many calls at once through the bulk import the CLI uses, with ties in start time and duration
 * so that orders must break ties on id, and text a CSV writer must quote.
 */
export async function importHistory(t: TestApp, organizationId: string, count: number, prefix = 'history'): Promise<void> {
  async function* records(): AsyncGenerator<ImportRecord> {
    for (let index = 0; index < count; index += 1) {
      const [agentId, agentName] = AGENTS[index % AGENTS.length]!;
      const callType = TYPES[index % TYPES.length]!;
      const started = Date.UTC(2025, 4, 1) + Math.floor(index / 4) * 3_600_000;
      const duration = 30 + (index % 7) * 15;
      yield {
        line: index + 1,
        value: {
          externalId: `${prefix}-${index}`,
          callType,
          agentId,
          agentName,
          phoneNumber: callType === 'Web' ? undefined : '+15559876543',
          callStartedAt: new Date(started).toISOString(),
          callEndedAt: new Date(started + duration * 1000).toISOString(),
          userPhoneNumber: `+1555${String(index).padStart(7, '0')}`,
          userPrimaryIntent: INTENTS[index % INTENTS.length],
          userSentiment: index % 2 === 0 ? 'positive' : 'neutral',
          callSummary: SUMMARIES[index % SUMMARIES.length],
        },
      };
    }
  }
  const outcome = await importCalls(t.db, t.clock, organizationId, records());
  if (outcome.rejected.length > 0) throw new Error(`history rows refused: ${JSON.stringify(outcome.rejected[0])}`);
}
