import { defineRateLimit, rateLimits } from '@peerline/http-kit';

/**
 * The candidates' public consent route, per client address. A consent token is 256 random bits,
 * so this is not what keeps it secret; it keeps one address from hammering the route (and the
 * database behind it).
 */
export const CONSENT_RATE_LIMIT = defineRateLimit('referral-consent', (config) =>
  rateLimits(config.REFERRAL_CONSENT_RATE_WINDOW_SECONDS, [
    { name: 'consent-ip', limit: config.REFERRAL_CONSENT_RATE_LIMIT_PER_IP },
  ]),
);

export const ConsentThrottlerGuard = CONSENT_RATE_LIMIT.Guard;
