import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { Role } from '@peerline/contracts';
import { ErrorResponse } from '@peerline/http-kit';
import { ROLES_KEY } from './auth.constants';
import { RolesGuard } from './roles.guard';

/**
 * Any one of the roles admits the caller. Brings its own RolesGuard, which runs after the global
 * AuthGuard, so an anonymous caller gets 401 before the role check could say 403.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(RolesGuard),
    ApiForbiddenResponse({ type: ErrorResponse, description: `Needs one of: ${roles.join(', ')}` }),
  );
}
