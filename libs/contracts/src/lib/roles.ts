export const ROLES = ['admin', 'hr', 'ambassador', 'employee'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller every service method receives first. */
export interface Actor {
  kind: 'user' | 'api_key';
  /** user id, or api key id for machine clients */
  id: string;
  organizationId: string;
  roles: readonly Role[];
}
