import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor } from '@peerline/contracts';
import { Strategy } from 'passport-local';
import { LOCAL_STRATEGY } from './auth.constants';
import { AuthService } from './auth.service';

interface LoginRequest {
  body?: { organization?: unknown };
}

/** E-mail addresses are unique per organization only, so the slug comes from the body too. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(private readonly auth: AuthService) {
    super({
      usernameField: 'email',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  validate(req: LoginRequest, email: string, password: string): Promise<Actor | null> {
    const organization = req.body?.organization;
    if (typeof organization !== 'string') return Promise.resolve(null);
    return this.auth.validateCredentials(organization, email, password);
  }
}
