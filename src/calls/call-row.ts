import { foldCase } from '../shared/like-pattern.js';
import { derivedDurationSeconds, wholeSeconds } from './call-duration.js';
import type { CallRow } from './calls.repository.js';
import type { CreateCallBody } from './calls.schemas.js';

/** The stored form of a posted or imported call, so both paths keep times and durations alike. */
export function callRowFrom(body: CreateCallBody, ids: { organizationId: string; callId: string; agentId: string }, now: number): CallRow {
  return {
    organization_id: ids.organizationId,
    id: ids.callId,
    external_id: body.externalId ?? null,
    call_type: body.callType,
    agent_id: ids.agentId,
    phone_number: body.phoneNumber ?? null,
    started_at: wholeSeconds(body.callStartedAt),
    ended_at: wholeSeconds(body.callEndedAt),
    duration_seconds: body.callDurationSeconds ?? derivedDurationSeconds(body.callStartedAt, body.callEndedAt),
    ended_reason: body.callEndedReason ?? null,
    user_name: body.userName ?? null,
    user_phone_number: body.userPhoneNumber ?? null,
    user_primary_intent: body.userPrimaryIntent ?? null,
    intent_key: body.userPrimaryIntent === undefined ? null : foldCase(body.userPrimaryIntent),
    user_sentiment: body.userSentiment ?? null,
    summary: body.callSummary ?? null,
    created_at: now,
    provider_recording_url: body.recordingUrl ?? null,
  };
}
