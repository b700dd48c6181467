import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { Actor } from '@peerline/contracts';
import { createValidationPipe } from '@peerline/http-kit';
import { LOCAL_STRATEGY } from './auth.constants';
import { LoginDto } from './dto/auth.dto';
import { identityErrors } from './identity.errors';

/**
 * Guards run before pipes, so the body is validated here first: a malformed login is a 400
 * with the failing fields, never a password check on half a body.
 */
@Injectable()
export class LocalAuthGuard extends PassportAuthGuard(LOCAL_STRATEGY) {
  private readonly validation = createValidationPipe();

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ body?: unknown }>();
    await this.validation.transform(req.body ?? {}, {
      type: 'body',
      metatype: LoginDto,
      data: undefined,
    });
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<TUser = Actor>(err: unknown, user: TUser | false | null): TUser {
    if (err) throw err;
    if (!user) throw identityErrors.error('INVALID_CREDENTIALS');
    return user;
  }
}
