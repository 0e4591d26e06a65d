import { Link, useLocation } from 'react-router';
import type { CallSummary } from '../../api/types.js';
import { useOrganization } from '../../session/organization.js';
import { formatDateTime, formatDuration } from '../../time.js';

/** The List Calls columns, the start time linking to the call; on a phone each row becomes a card whose cells name their column. */
export function CallsTable({ calls }: { calls: CallSummary[] }) {
  const { id: organizationId, timezone } = useOrganization();
  const { search } = useLocation();
  return (
    <div className="table-wrap">
      <table className="calls responsive">
        <caption className="visually-hidden">Calls, times in {timezone}</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col">Duration</th>
            <th scope="col">Type</th>
            <th scope="col">Agent</th>
            <th scope="col">Line</th>
            <th scope="col">Caller</th>
            <th scope="col">Recorded</th>
            <th scope="col">Call ID</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.id}>
              <td data-label="Started">
                <Link to={`/o/${organizationId}/calls/${call.id}`} state={{ listSearch: search }}>
                  {formatDateTime(call.callStartedAt, timezone, 'short')}
                </Link>
              </td>
              <td data-label="Ended">{formatDateTime(call.callEndedAt, timezone, 'short')}</td>
              <td data-label="Duration" className="nowrap">
                {formatDuration(call.callDurationSeconds)}
              </td>
              <td data-label="Type">
                <span className={`badge ${call.callType.toLowerCase()}`}>{call.callType}</span>
              </td>
              <td data-label="Agent">
                <div>
                  {call.agentName ?? '—'}
                  {call.agentId !== null && <span className="secondary-text">{call.agentId}</span>}
                </div>
              </td>
              <td data-label="Line">{call.phoneNumber ?? '—'}</td>
              <td data-label="Caller">{call.userPhoneNumber ?? '—'}</td>
              <td data-label="Recorded">{formatDateTime(call.createdAt, timezone, 'short')}</td>
              <td data-label="Call ID" className="monospace" title={call.id}>
                {call.id.slice(0, 8)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
