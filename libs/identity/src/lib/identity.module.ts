import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { ApiKey } from './api-key.entity';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Invite } from './invite.entity';
import { InvitesRepository } from './invites.repository';
import { JwtStrategy } from './jwt.strategy';
import { LocalAuthGuard } from './local-auth.guard';
import { LocalStrategy } from './local.strategy';
import { LOGIN_RATE_LIMIT } from './login-throttler.guard';
import { MeController } from './me.controller';
import { Organization } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { PasswordHasher } from './password-hasher.service';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RolesGuard } from './roles.guard';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, User, RefreshToken, Invite, ApiKey, AuditLogEntry]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_ACCESS_SECRET,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    ApiKeysController,
    AuditLogController,
  ],
  providers: [
    OrganizationsRepository,
    UsersRepository,
    RefreshTokensRepository,
    InvitesRepository,
    ApiKeysRepository,
    AuditLogRepository,
    PasswordHasher,
    TokensService,
    AuthService,
    AuditService,
    OrganizationsService,
    UsersService,
    ApiKeysService,
    JwtStrategy,
    ApiKeyStrategy,
    LocalStrategy,
    LocalAuthGuard,
    RolesGuard,
    ...LOGIN_RATE_LIMIT.providers,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [OrganizationsService, UsersService, AuditService, RolesGuard],
})
export class IdentityModule {}
