import { defineRateLimit, rateLimits } from '@peerline/http-kit';

/**
 * The public directory's limit per client address (req.ip: the X-Forwarded-For client when
 * TRUST_PROXY is on). Search, profile and match share one budget (one scope): a scraper should not
 * get three.
 */
export const DIRECTORY_RATE_LIMIT = defineRateLimit('public-directory', (config) =>
  rateLimits(config.DIRECTORY_RATE_WINDOW_SECONDS, [
    { name: 'directory-ip', limit: config.DIRECTORY_RATE_LIMIT_PER_IP },
  ]),
);

export const DirectoryThrottlerGuard = DIRECTORY_RATE_LIMIT.Guard;
