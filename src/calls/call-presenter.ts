import type { ArtifactLinks } from '../signing/artifact-links.js';
import { formatInstant } from '../shared/instants.js';
import type { CallSummaryRow } from './call-listing.repository.js';
import type { CallWithArtifacts } from './calls.repository.js';
import type { CallDetail, CallSummary } from './calls.schemas.js';

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

export function presentCallDetail(call: CallWithArtifacts, links: ArtifactLinks): CallDetail {
  return {
    ...presentCallSummary(call),
    callEndedReason: call.ended_reason,
    userName: call.user_name,
    userPrimaryIntent: call.user_primary_intent,
    userSentiment: call.user_sentiment,
    callSummary: call.summary,
    transcriptUrl: call.transcript_format === null ? null : links.create(call.id, 'transcript'),
    recordingUrl: null,
    externalId: call.external_id,
  };
}
