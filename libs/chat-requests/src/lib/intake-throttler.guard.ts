import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '@peerline/config';
import { RateLimitGuard, rateLimits } from '@peerline/http-kit';
import { normalizeEmail } from './requester-email.util';

export const INTAKE_THROTTLER_OPTIONS = Symbol('INTAKE_THROTTLER_OPTIONS');
export const PUBLIC_THROTTLER_OPTIONS = Symbol('PUBLIC_THROTTLER_OPTIONS');
export const CHAT_THROTTLER_STORAGE = Symbol('CHAT_THROTTLER_STORAGE');

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

/** Per client address, and per organization and requester e-mail (RateLimitGuard). */
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
  return rateLimits(config.CHAT_PUBLIC_RATE_WINDOW_SECONDS, [
    { name: 'chat-public-ip', limit: config.CHAT_PUBLIC_RATE_LIMIT_PER_IP },
  ]);
}

@Injectable()
export class IntakeThrottlerGuard extends RateLimitGuard {
  protected readonly scope = 'chat-intake';

  constructor(
    @Inject(INTAKE_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(CHAT_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}

/** The requester's status page, actions and one-click links: one budget per client address. */
@Injectable()
export class PublicThrottlerGuard extends RateLimitGuard {
  protected readonly scope = 'chat-public';

  constructor(
    @Inject(PUBLIC_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(CHAT_THROTTLER_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}
