import { recordAudit } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { callNotFound } from '../http/api-error.js';
import type { RecordingStores } from '../recordings/recording-stores.js';
import type { Clock } from '../shared/clock.js';
import { deleteCalls } from './call-writes.js';
import type { CallScope } from './calls.repository.js';
import { findReachableCall } from './calls.service.js';

/**
 * Deletes a call for good: its row, transcript, search entry and recording go in one transaction
 * with the audit entry, so its signed links fail from the commit on. A recording kept in a file is
 * unlinked right after; a crash in between leaves a file no row names, which garbage collection
 * removes, never a call pointing at missing bytes.
 */
export async function deleteCall(
  db: Database,
  clock: Clock,
  stores: RecordingStores,
  principal: Principal,
  scope: CallScope,
  callId: string,
): Promise<void> {
  const call = await findReachableCall(db, scope, callId);
  const deleted = await db.transaction().execute(async (trx) => {
    const result = await deleteCalls(trx, call.organization_id, [call.id]);
    // Another request deleted it between the lookup and this transaction.
    if (result.ids.length === 0) throw callNotFound();
    await recordAudit(trx, {
      tenantId: principal.tenantId,
      organizationId: call.organization_id,
      actorKeyId: principal.keyId,
      action: 'call.deleted',
      targetType: 'call',
      targetId: call.id,
      at: clock.now(),
    });
    return result;
  });
  await stores.removeAfterCommit(deleted.recordings);
}
