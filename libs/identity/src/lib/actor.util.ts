import type { Actor, Role } from '@peerline/contracts';
import { identityErrors } from './identity.errors';
import { hasAnyRole } from './role-check.util';

/** The CLI, the seed and migrations act as the system: no user, no API key. */
export interface SystemActor {
  kind: 'system';
}

export const SYSTEM_ACTOR: SystemActor = Object.freeze({ kind: 'system' });

export type AuditActor = Actor | SystemActor;

export function assertAnyRole(actor: Actor, ...required: Role[]): void {
  if (!hasAnyRole(actor.roles, required)) throw identityErrors.error('FORBIDDEN');
}

/** Returns the user id, or refuses API keys for what only a person can do. */
export function requireUser(actor: Actor): string {
  if (actor.kind !== 'user') throw identityErrors.error('NOT_A_USER');
  return actor.id;
}

/** Who to name in created_by columns: a user, or nobody for machine clients. */
export function creatorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}
