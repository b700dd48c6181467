import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import type { Role } from '@peerline/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACCESS_TOKEN_AUDIENCE } from './access-token-claims.util';
import type { TokenPairDto } from './dto/auth.dto';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { generateOpaqueToken, sha256Hex } from './tokens.util';

export interface TokenSubject {
  id: string;
  organizationId: string;
  roles: readonly Role[];
}

const DAY_MS = 86_400_000;

/** Mints access JWTs and opaque refresh tokens; the rules about when live in AuthService. */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccessToken(subject: TokenSubject): Promise<string> {
    return this.jwt.signAsync(
      { org: subject.organizationId, roles: [...subject.roles] },
      {
        subject: subject.id,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithm: 'HS256',
        expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      },
    );
  }

  /** A new family starts at login; rotation passes the family on. */
  async issuePair(
    tx: EntityManager,
    subject: TokenSubject,
    familyId: string = randomUUID(),
  ): Promise<TokenPairDto> {
    const refreshToken = generateOpaqueToken();
    await this.refreshTokens.insert(tx, subject.organizationId, {
      userId: subject.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_DAYS * DAY_MS),
    });
    return {
      accessToken: await this.signAccessToken(subject),
      refreshToken,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    };
  }
}
