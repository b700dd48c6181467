import {
  Inject,
  Injectable,
  type ExecutionContext,
  type Provider,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { createHash } from 'node:crypto';
import { DomainError } from './domain-error';

/**
 * The api's rate limits: @nestjs/throttler counting in Redis, so a limit holds across api
 * processes. Each limit (defineRateLimit) has its own option and storage injection tokens (never
 * ThrottlerModule's), so one limit's configuration neither replaces nor is replaced by another's.
 *
 * What every limit shares, here once:
 * - the counters' Redis keys are hashes under the limit's `scope`, so no client address or
 *   e-mail lands in Redis, and limits never share a counter by accident;
 * - over the limit: the standard `Retry-After` header (the library would name it after the
 *   throttler) and a 429 `RATE_LIMITED` error with `details.retryAfterSeconds`.
 */
export abstract class RateLimitGuard extends ThrottlerGuard {
  /** Namespaces this limit's Redis keys, e.g. `public-directory`. */
  protected abstract readonly scope: string;

  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${this.scope}:${name}:${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    ctx
      .switchToHttp()
      .getResponse<{ header(name: string, value: string): unknown }>()
      .header('Retry-After', String(retryAfterSeconds));
    throw new DomainError('RATE_LIMITED', 'Too many requests; try again later.', 429, {
      retryAfterSeconds,
    });
  }
}

/** Options for limits of `limit` requests per `windowSeconds`, blocked for one window after. */
export function rateLimits(
  windowSeconds: number,
  limits: readonly { name: string; limit: number }[],
): ThrottlerModuleOptions {
  const ttl = windowSeconds * 1000;
  return {
    throttlers: limits.map(({ name, limit }) => ({ name, limit, ttl, blockDuration: ttl })),
    // RateLimitGuard sets the standard Retry-After itself.
    setHeaders: false,
  };
}

/**
 * The Redis counter store of a module's limits; Nest closes it with the module (the service's own
 * onModuleDestroy). Fails fast rather than holding requests when Redis is away.
 */
export function rateLimitStorage(redisUrl: string): ThrottlerStorageRedisService {
  return new ThrottlerStorageRedisService(redisUrl, {
    maxRetriesPerRequest: 2,
    connectTimeout: 2000,
  });
}

export interface RateLimit {
  /** The guard for `@UseGuards(...)`. */
  Guard: Type<RateLimitGuard>;
  /** The guard, its options and its Redis store: the providers of the module with the routes. */
  providers: Provider[];
}

/**
 * One rate limit: a RateLimitGuard for `scope` with its own injection tokens, configured from the
 * validated config. `tracker` turns the client address into what is counted (login counts per
 * address and account, say); by default the address itself.
 */
export function defineRateLimit(
  scope: string,
  options: (config: AppConfig) => ThrottlerModuleOptions,
  tracker?: (clientAddress: string, req: Record<string, unknown>) => string,
): RateLimit {
  const OPTIONS = Symbol(`rate-limit:${scope}:options`);
  const STORAGE = Symbol(`rate-limit:${scope}:storage`);

  @Injectable()
  class ScopedRateLimitGuard extends RateLimitGuard {
    protected readonly scope = scope;

    constructor(
      @Inject(OPTIONS) limits: ThrottlerModuleOptions,
      @Inject(STORAGE) storage: ThrottlerStorage,
      reflector: Reflector,
    ) {
      super(limits, storage, reflector);
    }

    protected override async getTracker(req: Record<string, unknown>): Promise<string> {
      const address = await super.getTracker(req);
      return tracker ? tracker(address, req) : address;
    }
  }

  return {
    Guard: ScopedRateLimitGuard,
    providers: [
      ScopedRateLimitGuard,
      { provide: OPTIONS, inject: [APP_CONFIG], useFactory: options },
      {
        provide: STORAGE,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => rateLimitStorage(config.REDIS_URL),
      },
    ],
  };
}
