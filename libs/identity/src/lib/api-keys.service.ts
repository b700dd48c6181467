import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction, isUniqueViolation } from '@peerline/db';
import { decodeCursor, NotFoundError, toPage, type CursorQueryDto } from '@peerline/http-kit';
import { DataSource } from 'typeorm';
import { assertAnyRole, creatorId } from './actor.util';
import { formatApiKey, generateApiKeyParts } from './api-key-format.util';
import { ApiKeysRepository } from './api-keys.repository';
import { AuditService } from './audit.service';
import type { ApiKeyCreatedDto, ApiKeyPageDto, CreateApiKeyDto } from './dto/api-keys.dto';
import { toApiKeyCreatedDto, toApiKeyDto } from './identity.mappers';
import { sha256Hex } from './tokens.util';

const DEFAULT_LIMIT = 20;
// 48 random bits of prefix make a collision rare; a few retries make it irrelevant.
const PREFIX_ATTEMPTS = 3;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  /** The plaintext key is in this answer only; the database keeps the prefix and a hash. */
  async create(actor: Actor, dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    assertAnyRole(actor, 'admin');
    for (let attempt = 1; ; attempt++) {
      const parts = generateApiKeyParts();
      try {
        return await inTransaction(this.dataSource, async (tx) => {
          const key = await this.apiKeys.insert(tx, actor.organizationId, {
            name: dto.name.trim(),
            prefix: parts.prefix,
            keyHash: sha256Hex(parts.secret),
            roles: dto.roles,
            createdBy: creatorId(actor),
          });
          await this.audit.record(tx, {
            organizationId: actor.organizationId,
            actor,
            action: 'api_key.created',
            targetType: 'api_key',
            targetId: key.id,
            after: { name: key.name, roles: key.roles },
          });
          return toApiKeyCreatedDto(key, formatApiKey(parts));
        });
      } catch (err) {
        if (attempt < PREFIX_ATTEMPTS && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  async list(actor: Actor, query: CursorQueryDto): Promise<ApiKeyPageDto> {
    assertAnyRole(actor, 'admin');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const afterPrefix =
      query.cursor === undefined ? null : decodeCursor(query.cursor, ['p'] as const).p;
    const rows = await this.apiKeys.listPage(
      this.dataSource.manager,
      actor.organizationId,
      afterPrefix,
      limit + 1,
    );
    const page = toPage(rows, limit, (k) => ({ p: k.prefix }));
    return { items: page.items.map(toApiKeyDto), nextCursor: page.nextCursor };
  }

  /** Idempotent: revoking a revoked key succeeds and records nothing new. */
  async revoke(actor: Actor, apiKeyId: string): Promise<void> {
    assertAnyRole(actor, 'admin');
    await inTransaction(this.dataSource, async (tx) => {
      const key = await this.apiKeys.findByIdForUpdate(tx, actor.organizationId, apiKeyId);
      if (!key) throw new NotFoundError('API key');
      if (key.revokedAt !== null) return;
      await this.apiKeys.revoke(tx, actor.organizationId, key.id);
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: key.id,
        before: { revoked: false },
        after: { revoked: true },
      });
    });
  }
}
