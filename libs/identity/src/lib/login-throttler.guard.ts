import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitGuard } from '@peerline/http-kit';
import { loginTracker } from './login-tracker.util';

export const LOGIN_THROTTLER_OPTIONS = Symbol('LOGIN_THROTTLER_OPTIONS');
export const LOGIN_THROTTLER_STORAGE = Symbol('LOGIN_THROTTLER_STORAGE');

/** The login route's limit, per client address and per account tried (RateLimitGuard). */
@Injectable()
export class LoginThrottlerGuard extends RateLimitGuard {
  protected readonly scope = 'login';

  constructor(
    @Inject(LOGIN_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(LOGIN_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return loginTracker(await super.getTracker(req), req['body']);
  }
}
