import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { UnauthorizedError } from '@peerline/http-kit';

export function actorOf(ctx: ExecutionContext): Actor | undefined {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
}

/** The authenticated caller; on a @Public() route without credentials it answers 401. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = actorOf(ctx);
  if (!actor) throw new UnauthorizedError();
  return actor;
});
