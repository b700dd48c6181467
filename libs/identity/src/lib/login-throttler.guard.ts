import { defineRateLimit, rateLimits } from '@peerline/http-kit';
import { loginTracker } from './login-tracker.util';

/** The login route's limit, per client address and per account tried. */
export const LOGIN_RATE_LIMIT = defineRateLimit(
  'login',
  (config) =>
    rateLimits(config.LOGIN_RATE_WINDOW_SECONDS, [
      { name: 'login', limit: config.LOGIN_RATE_LIMIT },
    ]),
  (address, req) => loginTracker(address, req['body']),
);

export const LoginThrottlerGuard = LOGIN_RATE_LIMIT.Guard;
