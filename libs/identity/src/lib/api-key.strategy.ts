import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor } from '@peerline/contracts';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { API_KEY_HEADER, API_KEY_STRATEGY } from './auth.constants';
import { AuthService } from './auth.service';

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, API_KEY_STRATEGY) {
  constructor(private readonly auth: AuthService) {
    super({ header: API_KEY_HEADER, prefix: '' }, false);
  }

  validate(apiKey: string): Promise<Actor | null> {
    return this.auth.actorFromApiKey(apiKey);
  }
}
