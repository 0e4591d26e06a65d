/** Who a request acts for, as established by its API key. */
export type Principal =
  | { kind: 'tenant'; tenantId: string; keyId: string }
  | { kind: 'organization'; tenantId: string; organizationId: string; keyId: string };
