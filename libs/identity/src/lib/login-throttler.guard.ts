import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { loginTracker } from './login-tracker.util';

export const LOGIN_THROTTLER_OPTIONS = Symbol('LOGIN_THROTTLER_OPTIONS');
export const LOGIN_THROTTLER_STORAGE = Symbol('LOGIN_THROTTLER_STORAGE');

/**
 * The login route's own limit, counted in Redis so it holds across api processes. It has its own
 * option and storage tokens instead of ThrottlerModule's, so a general rate limit configured
 * elsewhere neither replaces nor is replaced by this one.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
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

  // The library names the header after the throttler ("Retry-After-login"); clients expect the
  // standard one.
  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = ctx
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): unknown }>();
    reply.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    await super.throwThrottlingException(ctx, detail);
  }
}
