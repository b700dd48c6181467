import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '@peerline/config';
import { defineRateLimit, rateLimits } from '@peerline/http-kit';
import { normalizeEmail } from './requester-email.util';

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

export const INTAKE_RATE_LIMIT = defineRateLimit('chat-intake', intakeThrottlerOptions);
export const IntakeThrottlerGuard = INTAKE_RATE_LIMIT.Guard;

/** The requester's status page, actions and one-click links: one budget per client address. */
export const PUBLIC_CHAT_RATE_LIMIT = defineRateLimit('chat-public', publicThrottlerOptions);
export const PublicThrottlerGuard = PUBLIC_CHAT_RATE_LIMIT.Guard;
