import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { Actor } from '@peerline/contracts';
import { UnauthorizedError } from '@peerline/http-kit';
import { API_KEY_STRATEGY, IS_PUBLIC_KEY, JWT_STRATEGY } from './auth.constants';

/**
 * Bearer JWT or X-Api-Key; registered globally by IdentityModule, so every route needs one of
 * them unless it is marked @Public().
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard([JWT_STRATEGY, API_KEY_STRATEGY]) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (isPublic) return true;
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<TUser = Actor>(err: unknown, user: TUser | false | null): TUser {
    if (err) throw err;
    // Which check failed (expired, bad signature, revoked key) is not the caller's business.
    if (!user) throw new UnauthorizedError();
    return user;
  }
}
