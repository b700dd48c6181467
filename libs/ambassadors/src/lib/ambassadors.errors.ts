import { defineErrors } from '@peerline/http-kit';

export const ambassadorsErrors = defineErrors({
  NOT_A_USER: [403, 'Only a signed-in user can have an ambassador profile, not an API key.'],
});

export type AmbassadorsErrorCode = keyof typeof ambassadorsErrors.catalogue;
