import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { DataSource } from 'typeorm';
import { readAccessTokenClaims } from './access-token-claims.util';
import { requireUser } from './actor.util';
import { ApiKeysRepository } from './api-keys.repository';
import { parseApiKey } from './api-key-format.util';
import { AuditService } from './audit.service';
import type { TokenPairDto } from './dto/auth.dto';
import { identityErrors, type IdentityErrorCode } from './identity.errors';
import type { Invite } from './invite.entity';
import { InvitesRepository } from './invites.repository';
import { normalizeEmail, normalizeSlug } from './normalize.util';
import { OrganizationsRepository } from './organizations.repository';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokensService } from './tokens.service';
import { hexDigestsEqual, sha256Hex } from './tokens.util';
import { UsersRepository } from './users.repository';

function inviteProblem(invite: Invite | null): IdentityErrorCode | null {
  if (!invite) return 'INVITE_INVALID';
  if (invite.acceptedAt !== null) return 'INVITE_ALREADY_USED';
  if (invite.expiresAt.getTime() <= Date.now()) return 'INVITE_EXPIRED';
  return null;
}

type RefreshOutcome = { ok: true; pair: TokenPairDto } | { ok: false; code: IdentityErrorCode };

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly invites: InvitesRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Null for every kind of failure (unknown organization or user, no password yet, wrong
   * password, deactivated), each after one argon2 verification, so neither the answer nor its
   * timing tells which it was.
   */
  async validateCredentials(
    organizationSlug: string,
    email: string,
    password: string,
  ): Promise<Actor | null> {
    const em = this.dataSource.manager;
    const org = await this.organizations.findBySlug(em, normalizeSlug(organizationSlug));
    const user = org ? await this.users.findByEmail(em, org.id, normalizeEmail(email)) : null;
    if (!user || user.passwordHash === null) {
      await this.hasher.verifyAgainstDummy(password);
      return null;
    }
    const valid = await this.hasher.verify(user.passwordHash, password);
    if (!valid || !user.isActive) return null;
    return { kind: 'user', id: user.id, organizationId: user.organizationId, roles: user.roles };
  }

  /** Starts a new refresh-token family for an actor that just proved its password. */
  login(actor: Actor): Promise<TokenPairDto> {
    const userId = requireUser(actor);
    return inTransaction(this.dataSource, async (tx) => {
      await this.users.touchLastLogin(tx, actor.organizationId, userId);
      return this.tokens.issuePair(tx, actor);
    });
  }

  /**
   * Single use: the old token is locked and marked used in the same transaction that issues its
   * successor. Presenting a used token again means it was copied, so the whole family ends; that
   * revocation must commit, hence the outcome is returned and thrown only after the commit.
   */
  async refresh(rawToken: string): Promise<TokenPairDto> {
    const outcome = await inTransaction(this.dataSource, async (tx): Promise<RefreshOutcome> => {
      const token = await this.refreshTokens.findByHashForUpdate(tx, sha256Hex(rawToken));
      if (!token) return { ok: false, code: 'INVALID_REFRESH_TOKEN' };
      if (token.usedAt !== null) {
        await this.refreshTokens.revokeFamily(tx, token.organizationId, token.familyId);
        return { ok: false, code: 'REFRESH_TOKEN_REUSED' };
      }
      if (token.revokedAt !== null) return { ok: false, code: 'INVALID_REFRESH_TOKEN' };
      if (token.expiresAt.getTime() <= Date.now())
        return { ok: false, code: 'REFRESH_TOKEN_EXPIRED' };
      const user = await this.users.findById(tx, token.organizationId, token.userId);
      if (!user || !user.isActive) {
        await this.refreshTokens.revokeFamily(tx, token.organizationId, token.familyId);
        return { ok: false, code: 'INVALID_REFRESH_TOKEN' };
      }
      // The row lock already serializes callers; the conditional update is the second belt.
      if (!(await this.refreshTokens.markUsed(tx, token.organizationId, token.id))) {
        return { ok: false, code: 'REFRESH_TOKEN_REUSED' };
      }
      const pair = await this.tokens.issuePair(tx, user, token.familyId);
      return { ok: true, pair };
    });
    if (!outcome.ok) throw identityErrors.error(outcome.code);
    return outcome.pair;
  }

  /** Ends one session (the family of the given token) or, without a token, all of them. */
  async logout(actor: Actor, rawToken: string | undefined): Promise<void> {
    const userId = requireUser(actor);
    await inTransaction(this.dataSource, async (tx) => {
      if (rawToken === undefined) {
        await this.refreshTokens.revokeAllOfUser(tx, actor.organizationId, userId);
        return;
      }
      const token = await this.refreshTokens.findByHashOfUser(
        tx,
        actor.organizationId,
        userId,
        sha256Hex(rawToken),
      );
      // Someone else's or an unknown token: nothing to end, and nothing to tell about it.
      if (token) await this.refreshTokens.revokeFamily(tx, actor.organizationId, token.familyId);
    });
  }

  async acceptInvite(rawToken: string, password: string): Promise<void> {
    const tokenHash = sha256Hex(rawToken);
    // A cheap look first, so a guessed token costs no argon2 work; the answer is re-checked
    // under lock below.
    const early = inviteProblem(await this.invites.findByHash(this.dataSource.manager, tokenHash));
    if (early !== null) throw identityErrors.error(early);
    // Hashed before the transaction: argon2 must not hold row locks for its ~20 ms.
    const passwordHash = await this.hasher.hash(password);
    const error = await inTransaction(
      this.dataSource,
      async (tx): Promise<IdentityErrorCode | null> => {
        const invite = await this.invites.findByHashForUpdate(tx, tokenHash);
        const problem = inviteProblem(invite);
        if (problem !== null || !invite) return problem ?? 'INVITE_INVALID';
        const user = await this.users.findByIdForUpdate(tx, invite.organizationId, invite.userId);
        if (!user) return 'INVITE_INVALID';
        if (!user.isActive) return 'INVITE_REVOKED';
        if (user.passwordHash !== null) return 'INVITE_ALREADY_USED';
        await this.users.update(tx, invite.organizationId, user.id, { passwordHash });
        await this.invites.markAccepted(tx, invite.organizationId, invite.id);
        await this.audit.record(tx, {
          organizationId: invite.organizationId,
          actor: {
            kind: 'user',
            id: user.id,
            organizationId: user.organizationId,
            roles: user.roles,
          },
          action: 'user.invite_accepted',
          targetType: 'user',
          targetId: user.id,
        });
        return null;
      },
    );
    if (error !== null) throw identityErrors.error(error);
  }

  /**
   * Called for every bearer request after the signature and expiry checked out. The user is
   * read again so a deactivation or a role change takes effect at once, not when the JWT expires.
   */
  async actorFromAccessToken(payload: unknown): Promise<Actor | null> {
    const claims = readAccessTokenClaims(payload);
    if (!claims) return null;
    const user = await this.users.findActiveRoles(
      this.dataSource.manager,
      claims.organizationId,
      claims.userId,
    );
    if (!user) return null;
    return { kind: 'user', id: user.id, organizationId: claims.organizationId, roles: user.roles };
  }

  async actorFromApiKey(rawKey: string): Promise<Actor | null> {
    const parts = parseApiKey(rawKey);
    if (!parts) return null;
    const em = this.dataSource.manager;
    const key = await this.apiKeys.findByPrefix(em, parts.prefix);
    if (!key || !hexDigestsEqual(key.keyHash, sha256Hex(parts.secret)) || key.revokedAt !== null)
      return null;
    await this.apiKeys.touchLastUsed(em, key.organizationId, key.id);
    return { kind: 'api_key', id: key.id, organizationId: key.organizationId, roles: key.roles };
  }
}
