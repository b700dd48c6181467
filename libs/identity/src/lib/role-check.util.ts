import type { Role } from '@peerline/contracts';

/** True when no role is required or the holder has at least one of the required roles. */
export function hasAnyRole(held: readonly Role[], required: readonly Role[]): boolean {
  if (required.length === 0) return true;
  return required.some((role) => held.includes(role));
}
