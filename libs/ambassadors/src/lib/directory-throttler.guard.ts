import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '@peerline/config';
import { RateLimitGuard, rateLimits } from '@peerline/http-kit';

export const DIRECTORY_THROTTLER_OPTIONS = Symbol('DIRECTORY_THROTTLER_OPTIONS');
export const DIRECTORY_THROTTLER_STORAGE = Symbol('DIRECTORY_THROTTLER_STORAGE');

export function directoryThrottlerOptions(
  config: Pick<AppConfig, 'DIRECTORY_RATE_LIMIT_PER_IP' | 'DIRECTORY_RATE_WINDOW_SECONDS'>,
): ThrottlerModuleOptions {
  return rateLimits(config.DIRECTORY_RATE_WINDOW_SECONDS, [
    { name: 'directory-ip', limit: config.DIRECTORY_RATE_LIMIT_PER_IP },
  ]);
}

/**
 * The public directory's limit per client address (req.ip: the X-Forwarded-For client when
 * TRUST_PROXY is on), a RateLimitGuard. Search, profile and match share one budget (one scope):
 * a scraper should not get three.
 */
@Injectable()
export class DirectoryThrottlerGuard extends RateLimitGuard {
  protected readonly scope = 'public-directory';

  constructor(
    @Inject(DIRECTORY_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(DIRECTORY_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}
