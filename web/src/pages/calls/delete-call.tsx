import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import type { CallDetail } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { formatDateTime } from '../../time.js';
import type { DeletedCallState } from './deleted-call-notice.js';

/**
 * Deletes the call for good after asking, then goes back to the list it came from, which says
 * what went. A call someone else deleted meanwhile is gone all the same: that is no failure.
 */
export function DeleteCall({ call, listSearch }: { call: CallDetail; listSearch: string }) {
  const [confirming, setConfirming] = useState(false);
  const organization = useOrganization();
  const { api } = useSession();
  const navigate = useNavigate();
  const name = `${call.callType} call of ${formatDateTime(call.callStartedAt, organization.timezone)}`;

  const remove = async () => {
    try {
      await api.delete(`/api/calls/${encodeURIComponent(call.id)}`, { organizationId: organization.id });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    const state: DeletedCallState = { deletedCall: name };
    navigate(`/o/${organization.id}/calls${listSearch}`, { state });
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete call
      </button>
      <ConfirmDialog open={confirming} title="Delete this call?" confirmLabel="Delete call" onConfirm={remove} onClose={() => setConfirming(false)}>
        <p>
          The {name}
          {call.userPhoneNumber === null ? '' : ` with ${call.userPhoneNumber}`} will be deleted for good: its details, summary, transcript and
          recording. Links to it stop working at once.
        </p>
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
