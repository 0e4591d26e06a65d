import type { ArtifactLinks } from '../signing/artifact-links.js';
import { formatInstant } from '../shared/instants.js';
import type { CallSummaryRow } from './call-listing.repository.js';
import type { CallWithAgent, CallWithArtifacts } from './calls.repository.js';
import type { CallDetail, CallSummary, ExportedCall } from './calls.schemas.js';

export function presentCallSummary(call: CallSummaryRow): CallSummary {
  return {
    id: call.id,
    organizationId: call.organization_id,
    callType: call.call_type,
    agentId: call.agent_id,
    agentName: call.agent_name,
    phoneNumber: call.phone_number,
    callStartedAt: formatInstant(call.started_at),
    callEndedAt: formatInstant(call.ended_at),
    callDurationSeconds: String(call.duration_seconds),
    userPhoneNumber: call.user_phone_number,
    createdAt: formatInstant(call.created_at),
  };
}

function detailFields(call: CallWithAgent) {
  return {
    callEndedReason: call.ended_reason,
    userName: call.user_name,
    userPrimaryIntent: call.user_primary_intent,
    userSentiment: call.user_sentiment,
    callSummary: call.summary,
    externalId: call.external_id,
  };
}

export function presentCallDetail(call: CallWithArtifacts, links: ArtifactLinks): CallDetail {
  return {
    ...presentCallSummary(call),
    ...detailFields(call),
    transcriptUrl: call.transcript_format === null ? null : links.create(call.id, 'transcript'),
    // An uploaded recording is served by this server and wins over the provider's own link.
    recordingUrl: call.recording_content_type !== null ? links.create(call.id, 'recording') : call.provider_recording_url,
  };
}

/** An exported call, its keys in the schema's order, which is the order of the CSV columns and of each NDJSON line. */
export function presentExportedCall(call: CallWithAgent, keys: ReadonlyArray<keyof ExportedCall>): ExportedCall {
  const fields: ExportedCall = { ...presentCallSummary(call), ...detailFields(call) };
  return Object.fromEntries(keys.map((key) => [key, fields[key]])) as ExportedCall;
}
