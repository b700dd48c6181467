import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { AppConfig } from '@peerline/config';
import { normalizeEmail } from './requester-email.util';

export const INTAKE_THROTTLER_OPTIONS = Symbol('INTAKE_THROTTLER_OPTIONS');
export const PUBLIC_THROTTLER_OPTIONS = Symbol('PUBLIC_THROTTLER_OPTIONS');
export const CHAT_THROTTLER_STORAGE = Symbol('CHAT_THROTTLER_STORAGE');

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** The requester's address from the raw body (guards run before validation); '' when absent. */
export function requesterEmailOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const requester = (body as Record<string, unknown>)['requester'];
  if (typeof requester !== 'object' || requester === null) return '';
  const email = (requester as Record<string, unknown>)['email'];
  return typeof email === 'string' && email.length <= 320 ? normalizeEmail(email) : '';
}

function slugOf(req: Record<string, unknown>): string {
  const params = req['params'];
  const slug =
    typeof params === 'object' && params !== null
      ? (params as Record<string, unknown>)['slug']
      : '';
  return typeof slug === 'string' ? slug.toLowerCase() : '';
}

/**
 * Per client address, and per organization and requester e-mail, counted in Redis so the limit
 * holds across api processes. The throttler hashes trackers into its Redis keys, so no address
 * lands in Redis. Own option and storage tokens, like the login guard, so no other throttler
 * configuration collides with these.
 */
export function intakeThrottlerOptions(
  config: Pick<
    AppConfig,
    | 'CHAT_INTAKE_RATE_LIMIT_PER_IP'
    | 'CHAT_INTAKE_RATE_LIMIT_PER_EMAIL'
    | 'CHAT_INTAKE_RATE_WINDOW_SECONDS'
  >,
): ThrottlerModuleOptions {
  const ttl = config.CHAT_INTAKE_RATE_WINDOW_SECONDS * 1000;
  return {
    throttlers: [
      { name: 'intake-ip', limit: config.CHAT_INTAKE_RATE_LIMIT_PER_IP, ttl, blockDuration: ttl },
      {
        name: 'intake-email',
        limit: config.CHAT_INTAKE_RATE_LIMIT_PER_EMAIL,
        ttl,
        blockDuration: ttl,
        getTracker: (req: Record<string, unknown>) =>
          JSON.stringify([slugOf(req), requesterEmailOf(req['body'])]),
        // A body without an address fails validation anyway; it must not share one bucket.
        skipIf: (ctx: ExecutionContext) =>
          requesterEmailOf(ctx.switchToHttp().getRequest<Record<string, unknown>>()['body']) === '',
      },
    ],
    setHeaders: false,
  };
}

export function publicThrottlerOptions(
  config: Pick<AppConfig, 'CHAT_PUBLIC_RATE_LIMIT_PER_IP' | 'CHAT_PUBLIC_RATE_WINDOW_SECONDS'>,
): ThrottlerModuleOptions {
  const ttl = config.CHAT_PUBLIC_RATE_WINDOW_SECONDS * 1000;
  return {
    throttlers: [
      {
        name: 'chat-public-ip',
        limit: config.CHAT_PUBLIC_RATE_LIMIT_PER_IP,
        ttl,
        blockDuration: ttl,
      },
    ],
    setHeaders: false,
  };
}

// The library names the header after the throttler ("Retry-After-intake-ip"); clients expect
// the standard one.
async function withRetryAfter(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
  ctx
    .switchToHttp()
    .getResponse<ReplyLike>()
    .header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
}

@Injectable()
export class IntakeThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(INTAKE_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(CHAT_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    await withRetryAfter(ctx, detail);
    await super.throwThrottlingException(ctx, detail);
  }
}

@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(PUBLIC_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(CHAT_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    await withRetryAfter(ctx, detail);
    await super.throwThrottlingException(ctx, detail);
  }
}
