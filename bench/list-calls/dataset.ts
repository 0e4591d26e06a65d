import { sql } from 'kysely';
import { importCalls, type ImportRecord } from '../../src/calls/call-import.js';
import { dialectOf, type Database } from '../../src/db/database.js';
import { createOrganization } from '../../src/organizations/organizations.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTenant } from '../../src/tenants/tenants.service.js';

export interface Dataset {
  calls: number;
  tenantId: string;
  tenantKey: string;
  /** The organization holding a tenth of every call; the others share the rest. */
  largeOrganizationId: string;
  smallOrganizationId: string;
  /** How fast the build imported the store, counters included. */
  importedPerSecond: number;
}

const MARKER = 'bench_dataset';
const AGENTS = ['Front Desk Assistant', 'After Hours Line', 'Billing Helper', 'Dr. Smith Assistant', 'Refill Line', 'Scheduling Bot', 'Triage Nurse Assistant', 'Survey Caller'];
export const INTENTS = ['Book appointment', 'Cancel appointment', 'Billing question', 'Prescription refill', 'Directions', 'Insurance', 'Speak to staff', 'Other'];
const SENTIMENTS = ['positive', 'neutral', 'negative'];
const TYPES = ['Inbound', 'Inbound', 'Outbound', 'Web'] as const;
const SPAN_START = Date.UTC(2024, 0, 1);
const SPAN_MS = 2 * 365 * 24 * 3600 * 1000;

/** A small seeded generator, so every build of a size holds the same calls. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` calls as import rows, spread over two years; the same seed gives the same calls. In
 * random order of time, or in order of time as an export from another system would list them.
 */
export async function* generatedCalls(count: number, seed: number, options: { prefix?: string; chronological?: boolean } = {}): AsyncGenerator<ImportRecord> {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  const prefix = options.prefix ?? 'bench';
  for (let line = 1; line <= count; line += 1) {
    const position = options.chronological === true ? (line - 1 + next()) / count : next();
    const started = SPAN_START + Math.floor((position * SPAN_MS) / 1000) * 1000;
    const duration = 5 + Math.floor(next() * next() * 1800);
    const agent = Math.floor(next() * AGENTS.length);
    const callType = pick(TYPES);
    yield {
      line,
      value: {
        externalId: `${prefix}-${line}`,
        callType,
        agentId: `agent-${agent}`,
        agentName: AGENTS[agent],
        phoneNumber: callType === 'Web' ? undefined : '+15559876543',
        callStartedAt: new Date(started).toISOString(),
        callEndedAt: new Date(started + duration * 1000).toISOString(),
        userPhoneNumber: `+1555${String(Math.floor(next() * 1e7)).padStart(7, '0')}`,
        userPrimaryIntent: pick(INTENTS),
        userSentiment: pick(SENTIMENTS),
        callSummary: `Caller asked about ${pick(INTENTS).toLowerCase()}.`,
      },
    };
  }
}

async function storedDataset(db: Database, calls: number): Promise<Dataset | undefined> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', MARKER).executeTakeFirst();
  if (row === undefined) return undefined;
  const dataset = JSON.parse(row.value) as Dataset;
  return dataset.calls === calls ? dataset : undefined;
}

export const organizationBody = (name: string) => ({
  name,
  email: 'desk@bench.example',
  address: '1 Main St',
  city: 'Austin',
  stateProvince: 'TX',
  postalCode: '78701',
  country: 'US',
  phoneNumber: '+15559876543',
  timezone: 'America/Chicago' as const,
});

/**
 * The benchmark's store, built once through the import path and then reused: a tenth of the calls
 * in one organization, the rest spread evenly over the others.
 */
export async function ensureDataset(db: Database, calls: number, organizations: number, log: (line: string) => void): Promise<Dataset> {
  const existing = await storedDataset(db, calls);
  if (existing !== undefined) return existing;
  const { tenantId, apiKey } = await createTenant(db, systemClock, `Bench ${calls}`);
  const actor = { tenantId, keyId: null };
  const ids: string[] = [];
  for (let index = 0; index < organizations; index += 1) {
    ids.push((await createOrganization(db, systemClock, actor, organizationBody(`Bench Clinic ${index}`))).organization.id);
  }
  const large = Math.floor(calls / 10);
  const perSmall = Math.floor((calls - large) / (organizations - 1));
  const started = Date.now();
  let done = 0;
  for (const [index, organizationId] of ids.entries()) {
    const count = index === 0 ? large : index === ids.length - 1 ? calls - large - perSmall * (organizations - 2) : perSmall;
    const outcome = await importCalls(db, systemClock, organizationId, generatedCalls(count, index + 1));
    if (outcome.rejected.length > 0) throw new Error(`generated rows were rejected: ${JSON.stringify(outcome.rejected[0])}`);
    done += count;
    if (index === 0 || index % 100 === 0 || index === ids.length - 1) {
      const seconds = (Date.now() - started) / 1000;
      log(`  imported ${done.toLocaleString('en-US')} of ${calls.toLocaleString('en-US')} calls (${Math.round(done / seconds).toLocaleString('en-US')} calls/s)`);
    }
  }
  const importedPerSecond = Math.round(calls / ((Date.now() - started) / 1000));
  const dataset: Dataset = { calls, tenantId, tenantKey: apiKey, largeOrganizationId: ids[0]!, smallOrganizationId: ids[1]!, importedPerSecond };
  await db.insertInto('settings').values({ name: MARKER, value: JSON.stringify(dataset) }).execute();
  // As autovacuum would soon after a bulk load on PostgreSQL: statistics, and the visibility map
  // that lets index-only scans skip the table.
  await (dialectOf(db) === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  return dataset;
}
