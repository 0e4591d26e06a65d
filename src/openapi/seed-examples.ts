/**
 * Examples from the AlloMia List Calls reference page, word for word, shown in the document and
 * prefilled in the reference page's "Try it out".
 */
const seedOrganizationId = 'a1b2c3d4-e5f6-7890-abcd-123456789012';

const seedCalls = [
  {
    id: 'f6a7b8c9-d0e1-2345-fabc-678901234567',
    organizationId: seedOrganizationId,
    callType: 'Inbound',
    agentId: 'g7b8c9d0-e1f2-3456-abcd-789012345678',
    agentName: 'Dr. Smith Assistant',
    phoneNumber: '+15559876543',
    callStartedAt: '2025-05-28T14:20:15Z',
    callEndedAt: '2025-05-28T14:23:15Z',
    callDurationSeconds: '180',
    userPhoneNumber: '+15551234567',
    createdAt: '2025-05-28T14:23:45Z',
  },
  {
    id: 'h8c9d0e1-f2a3-4567-bcde-890123456789',
    organizationId: seedOrganizationId,
    callType: 'Inbound',
    agentId: 'g7b8c9d0-e1f2-3456-abcd-789012345678',
    agentName: 'Dr. Smith Assistant',
    phoneNumber: '+15559876543',
    callStartedAt: '2025-05-27T09:10:34Z',
    callEndedAt: '2025-05-27T09:12:34Z',
    callDurationSeconds: '120',
    userPhoneNumber: '+15552345678',
    createdAt: '2025-05-27T09:12:34Z',
  },
];

export interface OperationExamples {
  /** One example value per parameter name. */
  parameters?: Record<string, string | number>;
  /** Named examples per status code. */
  responses?: Record<string, Record<string, { summary: string; value: unknown }>>;
}

export const seedExamples: Record<string, OperationExamples> = {
  listCalls: {
    parameters: {
      organizationId: seedOrganizationId,
      page: 1,
      limit: 10,
      callType: 'Inbound',
      agentName: 'Dr. Smith Assistant',
      from: '2025-05-01T00:00:00Z',
      to: '2025-06-01T00:00:00Z',
      sort: 'desc',
    },
    responses: {
      200: {
        seed: {
          summary: 'Two calls of 42',
          value: {
            calls: seedCalls,
            pagination: { page: 1, limit: 10, total: 42, totalPages: 5, hasNextPage: true, hasPreviousPage: false },
          },
        },
      },
      400: {
        invalidCallType: {
          summary: 'Invalid callType',
          value: {
            error: 'Invalid request data',
            details: [{ field: 'callType', message: "Invalid enum value. Expected 'Inbound' | 'Outbound' | 'Web', received 'fax'", code: 'invalid_enum_value' }],
          },
        },
        invalidDate: {
          summary: 'Invalid date format',
          value: {
            error: 'Invalid request data',
            details: [{ field: 'from', message: 'Invalid date format. Expected ISO 8601 format (e.g., 2025-05-01T00:00:00Z)', code: 'custom' }],
          },
        },
        reversedRange: {
          summary: 'Invalid date range logic (from > to)',
          value: {
            error: 'Invalid request data',
            details: [{ field: 'from', message: "The 'from' date must be before or equal to the 'to' date", code: 'custom' }],
          },
        },
      },
      401: { missingKey: { summary: 'No or unknown key', value: { error: 'Invalid or missing API key' } } },
      500: { internal: { summary: 'Internal error', value: { error: 'Internal server error occurred' } } },
    },
  },
};
