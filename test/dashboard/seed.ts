import { TZDate } from '@date-fns/tz';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/shared/clock.js';
import { createTenant } from '../../src/tenants/tenants.service.js';
import { organizationBody } from '../support/fixtures.js';

export const CLINIC_ZONE = 'America/Chicago';

export interface SeededCall {
  id: string;
  callType: 'Inbound' | 'Outbound' | 'Web';
  agentName: string;
  /** The local day in the clinic's zone, `YYYY-MM-DD`. */
  day: string;
  duration: number;
  intent: string | null;
  sentiment: string;
  summary: string;
  turns: Array<{ role: 'agent' | 'user'; text: string }>;
}

const AGENTS = [
  { agentId: 'smith-assistant', agentName: 'Dr. Smith Assistant' },
  { agentId: 'night-nurse', agentName: 'Night Nurse' },
  { agentId: 'billing-bot', agentName: 'Billing Bot' },
];
const TYPES = ['Inbound', 'Inbound', 'Outbound', 'Web'] as const;
const INTENTS = ['Book appointment', 'Refill', 'Billing question', null];
const SENTIMENTS = ['positive', 'neutral', 'negative'];

export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

async function post(url: string, key: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as any;
}

/**
 * A tenant with two clinics, the first holding 25 calls (a few of whose callers ask about insurance,
 * said in the transcript only) over the last twelve days of its own
 * calendar (so the analytics' default range holds them all), and an organization key for it.
 */
export async function seedDashboard(app: FastifyInstance, url: string) {
  const tenant = await createTenant(app.db, systemClock, 'Acme Health');
  const clinic = await post(url, tenant.apiKey, '/api/organization', organizationBody({ name: 'Bright Smile Dental', timezone: CLINIC_ZONE }));
  const other = await post(url, tenant.apiKey, '/api/organization', organizationBody({ name: 'Riverside Clinic', timezone: 'Europe/London' }));
  const today = todayIn(CLINIC_ZONE);
  const calls: SeededCall[] = [];
  for (let index = 0; index < 25; index += 1) {
    const day = addDays(today, -(index % 12));
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const start = new TZDate(year, month - 1, date, 8 + (index % 9), (index * 7) % 60, 0, CLINIC_ZONE);
    const duration = 45 + index * 17;
    const agent = AGENTS[index % AGENTS.length]!;
    const callType = TYPES[index % TYPES.length]!;
    const intent = INTENTS[index % INTENTS.length]!;
    const sentiment = SENTIMENTS[index % SENTIMENTS.length]!;
    const summary = `Caller ${index + 1} asked about ${intent ?? 'their visit'}; the assistant helped.`;
    const turns = [
      { role: 'agent' as const, text: `Bright Smile Dental, this is ${agent.agentName}. How can I help?` },
      { role: 'user' as const, text: `Hello, this is patient ${index + 1}. ${intent === null ? 'Just a question.' : `It is about: ${intent}.`}${index % 6 === 3 ? ' Do you take my insurance?' : ''}` },
      { role: 'agent' as const, text: 'Of course, let me take care of that for you.' },
    ];
    const created = await post(url, tenant.apiKey, '/api/calls', {
      organizationId: clinic.id,
      externalId: `seed-${index}`,
      callType,
      ...agent,
      phoneNumber: callType === 'Web' ? undefined : '+15559876543',
      callStartedAt: start.toISOString(),
      callEndedAt: new Date(start.getTime() + duration * 1000).toISOString(),
      userName: `Patient ${index + 1}`,
      userPhoneNumber: `+1555010${String(index).padStart(4, '0')}`,
      userPrimaryIntent: intent ?? undefined,
      userSentiment: sentiment,
      callEndedReason: index % 5 === 0 ? 'caller-hung-up' : 'assistant-ended-call',
      callSummary: summary,
      transcript: turns,
    });
    calls.push({ id: created.id, callType, agentName: agent.agentName, day, duration, intent, sentiment, summary, turns });
  }
  const organizationKey = await post(url, tenant.apiKey, '/api/api-keys', { organizationId: clinic.id, name: 'Front desk tablet' });
  return { tenant, clinic: clinic as { id: string; name: string }, other: other as { id: string; name: string }, calls, organizationKey: organizationKey.key as string, today };
}
