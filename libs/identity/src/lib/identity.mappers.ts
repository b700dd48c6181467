import type { ApiKey } from './api-key.entity';
import type { AuditLogEntry } from './audit-log-entry.entity';
import type { ApiKeyCreatedDto, ApiKeyDto } from './dto/api-keys.dto';
import type { AuditLogEntryDto } from './dto/audit-log.dto';
import type { OrganizationView } from './dto/organizations.dto';
import type { MeDto, UserDto } from './dto/users.dto';
import type { Organization } from './organization.entity';
import type { User } from './user.entity';

export function toOrganizationView(org: Organization): OrganizationView {
  return { id: org.id, slug: org.slug, name: org.name, timeZone: org.timeZone };
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: [...user.roles],
    isActive: user.isActive,
    hasPassword: user.passwordHash !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toMeDto(user: User, org: Organization): MeDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: [...user.roles],
    organization: { id: org.id, slug: org.slug, name: org.name },
  };
}

export function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    roles: [...key.roles],
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

export function toApiKeyCreatedDto(key: ApiKey, plaintext: string): ApiKeyCreatedDto {
  return { ...toApiKeyDto(key), key: plaintext };
}

export function toAuditLogEntryDto(entry: AuditLogEntry): AuditLogEntryDto {
  return {
    id: entry.id,
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    correlationId: entry.correlationId,
    createdAt: entry.createdAt.toISOString(),
  };
}
