import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@peerline/contracts';
import { DomainError } from '@peerline/http-kit';
import { ROLES_KEY } from './auth.constants';
import { RolesGuard } from './roles.guard';

function contextFor(required: Role[] | undefined, user: Actor | undefined): ExecutionContext {
  const handler = (): void => undefined;
  if (required) Reflect.defineMetadata(ROLES_KEY, required, handler);
  class SomeController {}
  return {
    getHandler: () => handler,
    getClass: () => SomeController,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

const actor = (roles: Role[]): Actor => ({ kind: 'user', id: 'u', organizationId: 'o', roles });

function statusOf(fn: () => unknown): number | 'passed' {
  try {
    fn();
    return 'passed';
  } catch (e) {
    if (e instanceof DomainError) return e.status;
    throw e;
  }
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets a caller with one of the listed roles through', () => {
    expect(guard.canActivate(contextFor(['admin', 'hr'], actor(['hr'])))).toBe(true);
  });

  it('answers 403 FORBIDDEN to a caller with none of them', () => {
    expect(
      statusOf(() => guard.canActivate(contextFor(['admin'], actor(['hr', 'employee'])))),
    ).toBe(403);
  });

  it('answers 401 when there is no authenticated caller to check', () => {
    expect(statusOf(() => guard.canActivate(contextFor(['admin'], undefined)))).toBe(401);
  });

  it('does nothing on routes without @Roles', () => {
    expect(guard.canActivate(contextFor(undefined, undefined))).toBe(true);
  });
});
