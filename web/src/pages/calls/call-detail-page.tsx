import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import type { CallDetail } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { formatDateTime, formatDuration } from '../../time.js';
import { NotFoundPage } from '../not-found-page.js';
import { listViewFrom } from './call-query.js';
import { DeleteCall } from './delete-call.js';
import { Highlighted, searchTerms } from './highlight.js';
import { RecordingPlayer } from './recording-player.js';
import { Transcript } from './transcript.js';

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value === null || value === '' ? '—' : value}</dd>
    </div>
  );
}

export function CallDetailPage() {
  const { callId = '' } = useParams();
  const organization = useOrganization();
  const { api } = useSession();
  const location = useLocation();
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  // Opened from a search, the words searched for are marked where they were said.
  const terms = searchTerms(listViewFrom(new URLSearchParams(listSearch)).q);
  const call = useResource(
    (signal) => api.get<CallDetail>(`/api/calls/${encodeURIComponent(callId)}`, { organizationId: organization.id, include: 'transcript' }, signal),
    callId,
  );
  const tz = organization.timezone;
  usePageTitle(call.data === undefined ? 'Call' : `Call of ${formatDateTime(call.data.callStartedAt, tz)}`, organization.name);

  if (call.state === 'failed' && call.error instanceof ApiError && call.error.status === 404) return <NotFoundPage what="call" />;
  const back = (
    <p>
      <Link to={`/o/${organization.id}/calls${listSearch}`}>← Back to calls</Link>
    </p>
  );
  if (call.state === 'failed') return <main id="main">{back}<ErrorMessage error={call.error} /></main>;
  if (call.data === undefined || call.data.id !== callId) return <main id="main">{back}<Loading label="Loading the call…" /></main>;
  const detail = call.data;

  return (
    <main id="main" className="call-detail">
      {back}
      <div className="page-heading with-actions">
        <div>
          <h1>
            {detail.callType} call, {formatDateTime(detail.callStartedAt, tz)}
          </h1>
          <p className="secondary-text">Times are in {tz}.</p>
        </div>
        <DeleteCall call={detail} listSearch={listSearch} />
      </div>
      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading">Details</h2>
        <dl className="details">
          <Field label="Type" value={detail.callType} />
          <Field label="Agent" value={detail.agentName} />
          <Field label="Agent ID" value={detail.agentId} />
          <Field label="Line" value={detail.phoneNumber} />
          <Field label="Caller" value={detail.userName} />
          <Field label="Caller's number" value={detail.userPhoneNumber} />
          <Field label="Started" value={formatDateTime(detail.callStartedAt, tz)} />
          <Field label="Ended" value={formatDateTime(detail.callEndedAt, tz)} />
          <Field label="Duration" value={formatDuration(detail.callDurationSeconds)} />
          <Field label="End reason" value={detail.callEndedReason} />
          <Field label="Intent" value={detail.userPrimaryIntent} />
          <Field label="Sentiment" value={detail.userSentiment} />
          <Field label="Recorded" value={formatDateTime(detail.createdAt, tz)} />
          <Field label="External ID" value={detail.externalId} />
          <Field label="Call ID" value={detail.id} />
        </dl>
      </section>
      <section aria-labelledby="summary-heading" className="card">
        <h2 id="summary-heading">Summary</h2>
        <p>{detail.callSummary === null ? 'No summary was recorded for this call.' : <Highlighted text={detail.callSummary} terms={terms} />}</p>
      </section>
      <section aria-labelledby="recording-heading" className="card">
        <h2 id="recording-heading">Recording</h2>
        <RecordingPlayer key={detail.recordingUrl} callId={detail.id} link={detail.recordingUrl} onReload={call.reload} />
      </section>
      <section aria-labelledby="transcript-heading" className="card">
        <h2 id="transcript-heading">Transcript</h2>
        <Transcript turns={detail.transcript} terms={terms} />
      </section>
    </main>
  );
}
