import { defineErrors } from '@peerline/http-kit';

export const notificationsErrors = defineErrors({
  NOT_A_USER: [403, 'Only a signed-in user has notifications, not an API key.'],
});
