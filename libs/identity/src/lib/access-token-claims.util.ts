import { ROLES, type Role } from '@peerline/contracts';

export const ACCESS_TOKEN_AUDIENCE = 'peerline:access';

export interface AccessTokenClaims {
  userId: string;
  organizationId: string;
  roles: Role[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Reads sub/org/roles from an already verified payload. Anything unexpected makes the token
 * unusable rather than reaching the database as a malformed id.
 */
export function readAccessTokenClaims(payload: unknown): AccessTokenClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (!isUuid(p['sub']) || !isUuid(p['org'])) return null;
  const roles = p['roles'];
  if (!Array.isArray(roles) || !roles.every(isRole)) return null;
  return { userId: p['sub'], organizationId: p['org'], roles };
}
