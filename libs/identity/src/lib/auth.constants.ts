// Passport keeps strategies in one process-wide registry: names are namespaced so another
// lib's "jwt" or "local" cannot replace ours.
export const JWT_STRATEGY = 'peerline-jwt';
export const API_KEY_STRATEGY = 'peerline-api-key';
export const LOCAL_STRATEGY = 'peerline-local';

/**
 * Metadata key of @Public(). A plain string so a lib that must not import identity can still
 * mark a route public with SetMetadata(IS_PUBLIC_KEY, true).
 */
export const IS_PUBLIC_KEY = 'peerline:public';
export const ROLES_KEY = 'peerline:roles';

export const API_KEY_HEADER = 'X-Api-Key';
