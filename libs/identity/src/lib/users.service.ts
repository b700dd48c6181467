import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { ROLES, type Actor, type Role } from '@peerline/contracts';
import { inTransaction, isUniqueViolation } from '@peerline/db';
import {
  decodeCursor,
  NotFoundError,
  toPage,
  ValidationFailedError,
  type CursorQueryDto,
  type Page,
} from '@peerline/http-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from './access-token-claims.util';
import { assertAnyRole, creatorId, requireUser, SYSTEM_ACTOR } from './actor.util';
import { AuditService } from './audit.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './dto/auth.dto';
import type { CreateUserInput } from './dto/organizations.dto';
import type {
  InviteCreatedDto,
  InviteUserDto,
  MeDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/users.dto';
import { identityErrors } from './identity.errors';
import { toMeDto, toUserDto } from './identity.mappers';
import { InvitesRepository } from './invites.repository';
import { normalizeEmail } from './normalize.util';
import { OrganizationsRepository } from './organizations.repository';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { generateOpaqueToken, sha256Hex } from './tokens.util';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';

const HOUR_MS = 3_600_000;
const DEFAULT_LIMIT = 20;

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly invites: InvitesRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async me(actor: Actor): Promise<MeDto> {
    const userId = requireUser(actor);
    const em = this.dataSource.manager;
    const user = await this.users.findById(em, actor.organizationId, userId);
    const org = await this.organizations.findById(em, actor.organizationId);
    if (!user || !org) throw new NotFoundError('user');
    return toMeDto(user, org);
  }

  async list(actor: Actor, query: CursorQueryDto): Promise<UserPageDto> {
    assertAnyRole(actor, 'admin');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const afterEmail =
      query.cursor === undefined ? null : decodeCursor(query.cursor, ['e'] as const).e;
    const rows = await this.users.listPage(
      this.dataSource.manager,
      actor.organizationId,
      afterEmail,
      limit + 1,
    );
    const page: Page<User> = toPage(rows, limit, (u) => ({ e: u.email }));
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  /**
   * Creates the user without a password and a single-use invitation. Sending the link by mail
   * belongs to the notifications flow; the token is returned once to the admin meanwhile.
   */
  async invite(actor: Actor, dto: InviteUserDto): Promise<InviteCreatedDto> {
    assertAnyRole(actor, 'admin');
    const email = normalizeEmail(dto.email);
    const inviteToken = generateOpaqueToken();
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        const user = await this.users.insert(tx, actor.organizationId, {
          email,
          name: dto.name.trim(),
          roles: dto.roles,
          passwordHash: null,
        });
        const inviteId = await this.invites.insert(tx, actor.organizationId, {
          userId: user.id,
          tokenHash: sha256Hex(inviteToken),
          expiresAt: new Date(Date.now() + this.config.INVITE_TTL_HOURS * HOUR_MS),
          createdBy: creatorId(actor),
        });
        await this.audit.record(tx, {
          organizationId: actor.organizationId,
          actor,
          action: 'user.invited',
          targetType: 'user',
          targetId: user.id,
          after: { roles: user.roles, inviteId },
        });
        return { id: user.id, inviteToken };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw identityErrors.error('USER_EXISTS');
      throw err;
    }
  }

  /**
   * Role changes and (de)activation. The organization row is locked so two admins demoting each
   * other at the same time cannot leave it without an active admin.
   */
  async update(actor: Actor, userId: string, dto: UpdateUserDto): Promise<UserDto> {
    assertAnyRole(actor, 'admin');
    return inTransaction(this.dataSource, async (tx) => {
      await this.organizations.lock(tx, actor.organizationId);
      const user = await this.users.findByIdForUpdate(tx, actor.organizationId, userId);
      if (!user) throw new NotFoundError('user');
      const roles = dto.roles ?? user.roles;
      const isActive = dto.isActive ?? user.isActive;
      const rolesChanged = !sameRoles(roles, user.roles);
      const activeChanged = isActive !== user.isActive;
      if (!rolesChanged && !activeChanged) return toUserDto(user);
      const losesAdmin =
        user.isActive && user.roles.includes('admin') && (!isActive || !roles.includes('admin'));
      if (losesAdmin) await this.assertAnotherActiveAdmin(tx, actor.organizationId, user.id);

      await this.users.update(tx, actor.organizationId, user.id, { roles, isActive });
      if (rolesChanged) {
        await this.audit.record(tx, {
          organizationId: actor.organizationId,
          actor,
          action: 'user.roles_changed',
          targetType: 'user',
          targetId: user.id,
          before: { roles: user.roles },
          after: { roles },
        });
      }
      if (activeChanged) {
        // Access tokens die on their next request (the guard re-reads is_active); refresh tokens here.
        if (!isActive) await this.refreshTokens.revokeAllOfUser(tx, actor.organizationId, user.id);
        await this.audit.record(tx, {
          organizationId: actor.organizationId,
          actor,
          action: isActive ? 'user.reactivated' : 'user.deactivated',
          targetType: 'user',
          targetId: user.id,
          before: { isActive: user.isActive },
          after: { isActive },
        });
      }
      return toUserDto({ ...user, roles, isActive });
    });
  }

  /** For the CLI and the seed: a user with a password, no invitation. USER_EXISTS on a rerun. */
  async createUser(organizationId: string, input: CreateUserInput): Promise<UserDto> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const fields: Record<string, string[]> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
      fields['email'] = ['must be an e-mail address'];
    if (name.length === 0) fields['name'] = ['must not be empty'];
    if (
      input.roles.length === 0 ||
      !input.roles.every((r) => (ROLES as readonly string[]).includes(r))
    ) {
      fields['roles'] = [`must be one or more of ${ROLES.join(', ')}`];
    }
    if (
      input.password.length < PASSWORD_MIN_LENGTH ||
      input.password.length > PASSWORD_MAX_LENGTH
    ) {
      fields['password'] = [`must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`];
    }
    if (Object.keys(fields).length > 0)
      throw new ValidationFailedError('The user is not valid.', { fields });
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        const org = isUuid(organizationId)
          ? await this.organizations.findById(tx, organizationId)
          : null;
        if (!org) throw new NotFoundError('organization');
        const user = await this.users.insert(tx, organizationId, {
          email,
          name,
          roles: input.roles,
          passwordHash,
        });
        await this.audit.record(tx, {
          organizationId,
          actor: SYSTEM_ACTOR,
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          after: { roles: user.roles },
        });
        return toUserDto(user);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw identityErrors.error('USER_EXISTS');
      throw err;
    }
  }

  async findUserByEmail(organizationId: string, email: string): Promise<UserDto | null> {
    if (!isUuid(organizationId)) return null;
    const user = await this.users.findByEmail(
      this.dataSource.manager,
      organizationId,
      normalizeEmail(email),
    );
    return user ? toUserDto(user) : null;
  }

  private async assertAnotherActiveAdmin(
    tx: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<void> {
    if ((await this.users.countOtherActiveAdmins(tx, organizationId, userId)) === 0) {
      throw identityErrors.error('LAST_ADMIN');
    }
  }
}
