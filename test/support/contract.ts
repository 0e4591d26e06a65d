// The response shapes the contract fixes, written out independently of the implementation's schemas.

/** The eleven keys of a List Calls item, in the seed's order. */
export const SEED_CALL_KEYS = [
  'id',
  'organizationId',
  'callType',
  'agentId',
  'agentName',
  'phoneNumber',
  'callStartedAt',
  'callEndedAt',
  'callDurationSeconds',
  'userPhoneNumber',
  'createdAt',
];

/** The Get Call keys the contract fixes, in its order, then callbase's own. */
export const CALL_DETAIL_KEYS = [
  'id',
  'organizationId',
  'callType',
  'agentId',
  'agentName',
  'phoneNumber',
  'callStartedAt',
  'callEndedAt',
  'callDurationSeconds',
  'callEndedReason',
  'userName',
  'userPhoneNumber',
  'userPrimaryIntent',
  'userSentiment',
  'callSummary',
  'transcriptUrl',
  'recordingUrl',
  'createdAt',
  'externalId',
];
