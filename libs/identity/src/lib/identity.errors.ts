import { defineErrors } from '@peerline/http-kit';

export const identityErrors = defineErrors({
  INVALID_CREDENTIALS: [401, 'The organization, e-mail or password is wrong.'],
  INVALID_REFRESH_TOKEN: [401, 'The refresh token is not valid; log in again.'],
  REFRESH_TOKEN_EXPIRED: [401, 'The refresh token has expired; log in again.'],
  REFRESH_TOKEN_REUSED: [
    401,
    'The refresh token was already used; every session of this login was ended.',
  ],
  FORBIDDEN: [403, 'You may not do this.'],
  NOT_A_USER: [403, 'Only a signed-in user can do this, not an API key.'],
  USER_EXISTS: [409, 'A user with this e-mail address already exists in the organization.'],
  ORGANIZATION_EXISTS: [409, 'An organization with this slug already exists.'],
  LAST_ADMIN: [409, 'The organization must keep at least one active admin.'],
  INVITE_INVALID: [400, 'The invitation link is not valid.'],
  INVITE_ALREADY_USED: [410, 'The invitation was already accepted; log in instead.'],
  INVITE_EXPIRED: [410, 'The invitation has expired; ask an admin for a new one.'],
  INVITE_REVOKED: [410, 'The invitation is no longer valid because the account was deactivated.'],
});

export type IdentityErrorCode = keyof typeof identityErrors.catalogue;
