import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@peerline/contracts';
import { UnauthorizedError } from '@peerline/http-kit';
import { ROLES_KEY } from './auth.constants';
import { actorOf } from './current-actor.decorator';
import { identityErrors } from './identity.errors';
import { hasAnyRole } from './role-check.util';

/**
 * 403 when the caller lacks every listed role. Objects of another organization are a service
 * concern and answer 404; this guard only knows routes.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const actor = actorOf(ctx);
    if (!actor) throw new UnauthorizedError();
    if (!hasAnyRole(actor.roles, required)) throw identityErrors.error('FORBIDDEN');
    return true;
  }
}
