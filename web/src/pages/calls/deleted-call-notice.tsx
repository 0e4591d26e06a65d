import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** What the call page hands the list after deleting a call: which call went. */
export interface DeletedCallState {
  deletedCall: string;
}

/**
 * Says which call was just deleted. It takes the focus, which the deleted call's page had: a
 * keyboard or screen reader user goes on from here, hearing what happened.
 */
export function DeletedCallNotice() {
  const location = useLocation();
  const deleted = (location.state as Partial<DeletedCallState> | null)?.deletedCall;
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (deleted !== undefined) notice.current?.focus();
  }, [deleted, location.key]);
  if (deleted === undefined) return null;
  return (
    <p ref={notice} className="notice" role="status" tabIndex={-1}>
      The {deleted} was deleted, with its transcript and recording.
    </p>
  );
}
