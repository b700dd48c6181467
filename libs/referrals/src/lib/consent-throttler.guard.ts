import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '@peerline/config';
import { RateLimitGuard, rateLimits } from '@peerline/http-kit';

export const CONSENT_THROTTLER_OPTIONS = Symbol('CONSENT_THROTTLER_OPTIONS');
export const CONSENT_THROTTLER_STORAGE = Symbol('CONSENT_THROTTLER_STORAGE');

export function consentThrottlerOptions(
  config: Pick<
    AppConfig,
    'REFERRAL_CONSENT_RATE_LIMIT_PER_IP' | 'REFERRAL_CONSENT_RATE_WINDOW_SECONDS'
  >,
): ThrottlerModuleOptions {
  return rateLimits(config.REFERRAL_CONSENT_RATE_WINDOW_SECONDS, [
    { name: 'consent-ip', limit: config.REFERRAL_CONSENT_RATE_LIMIT_PER_IP },
  ]);
}

/**
 * The candidates' public consent route, per client address (RateLimitGuard). A consent token is
 * 256 random bits, so this is not what keeps it secret; it keeps one address from hammering the
 * route (and the database behind it).
 */
@Injectable()
export class ConsentThrottlerGuard extends RateLimitGuard {
  protected readonly scope = 'referral-consent';

  constructor(
    @Inject(CONSENT_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(CONSENT_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}
