import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { recordAudit } from '../audit/audit.service.js';
import { deleteCalls } from '../calls/call-writes.js';
import { expiredCallIds } from '../calls/calls.repository.js';
import type { Database } from '../db/database.js';
import { organizationsWithRetention, type RetentionRule } from '../organizations/organizations.repository.js';
import { collectRecordingGarbage } from '../recordings/recording-garbage.js';
import type { RecordingStores } from '../recordings/recording-stores.js';
import type { Clock } from '../shared/clock.js';
import { formatInstant } from '../shared/instants.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Calls per transaction: each deletion holds its locks for a few milliseconds, not for the whole sweep. */
const RETENTION_BATCH = 500;

export interface RetentionOutcome {
  /** Calls deleted, all organizations together. */
  removed: number;
  organizations: Array<{ organizationId: string; removed: number; startedBefore: string }>;
  /** Recording files and chunks no call named any more. */
  garbageRemoved: number;
}

async function expireOrganization(
  db: Database,
  stores: RecordingStores,
  rule: RetentionRule,
  { now, cutoff, batchSize }: { now: number; cutoff: number; batchSize: number },
): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await expiredCallIds(db, rule.id, cutoff, batchSize);
    if (ids.length === 0) return removed;
    const deleted = await db.transaction().execute(async (trx) => {
      const result = await deleteCalls(trx, rule.id, ids);
      // Another deletion (a person, another server's sweep) may have taken them all meanwhile.
      if (result.ids.length === 0) return result;
      await recordAudit(trx, {
        tenantId: rule.tenant_id,
        organizationId: rule.id,
        actorKeyId: null,
        action: 'organization.calls_expired',
        targetType: 'organization',
        targetId: rule.id,
        details: { calls: result.ids.length, startedBefore: formatInstant(cutoff) },
        at: now,
      });
      return result;
    });
    await stores.removeAfterCommit(deleted.recordings);
    removed += deleted.ids.length;
    if (ids.length < batchSize) return removed;
    // Let requests waiting on the database go between batches.
    await yieldToOthers();
  }
}

/**
 * Deletes the calls that started longer ago than their organization keeps them (every such
 * organization, or the one named), a batch per transaction, then clears recording garbage.
 */
export async function applyRetention(
  db: Database,
  clock: Clock,
  stores: RecordingStores,
  options: { organizationId?: string; batchSize?: number } = {},
): Promise<RetentionOutcome> {
  const now = clock.now();
  const outcome: RetentionOutcome = { removed: 0, organizations: [], garbageRemoved: 0 };
  for (const rule of await organizationsWithRetention(db, options.organizationId)) {
    const cutoff = now - rule.retention_days * DAY_MS;
    const removed = await expireOrganization(db, stores, rule, { now, cutoff, batchSize: options.batchSize ?? RETENTION_BATCH });
    outcome.removed += removed;
    outcome.organizations.push({ organizationId: rule.id, removed, startedBefore: formatInstant(cutoff) });
  }
  outcome.garbageRemoved = await collectRecordingGarbage(db, stores, now);
  return outcome;
}
