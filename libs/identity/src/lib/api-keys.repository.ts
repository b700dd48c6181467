import { Injectable } from '@nestjs/common';
import type { Role } from '@peerline/contracts';
import { IsNull, type EntityManager } from 'typeorm';
import { ApiKey } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  /** Lookup by the unique public prefix: the caller's organization is what we are finding out. */
  findByPrefix(em: EntityManager, prefix: string): Promise<ApiKey | null> {
    return em.getRepository(ApiKey).findOneBy({ prefix });
  }

  findById(em: EntityManager, organizationId: string, apiKeyId: string): Promise<ApiKey | null> {
    return em.getRepository(ApiKey).findOneBy({ organizationId, id: apiKeyId });
  }

  findByIdForUpdate(
    em: EntityManager,
    organizationId: string,
    apiKeyId: string,
  ): Promise<ApiKey | null> {
    return em.getRepository(ApiKey).findOne({
      where: { organizationId, id: apiKeyId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Ordered by the unique prefix, which is also the cursor. */
  listPage(
    em: EntityManager,
    organizationId: string,
    afterPrefix: string | null,
    take: number,
  ): Promise<ApiKey[]> {
    const qb = em
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .where('k.organization_id = :organizationId', { organizationId })
      .orderBy('k.prefix', 'ASC')
      .take(take);
    if (afterPrefix !== null) qb.andWhere('k.prefix > :afterPrefix', { afterPrefix });
    return qb.getMany();
  }

  insert(
    em: EntityManager,
    organizationId: string,
    values: {
      name: string;
      prefix: string;
      keyHash: string;
      roles: Role[];
      createdBy: string | null;
    },
  ): Promise<ApiKey> {
    const repo = em.getRepository(ApiKey);
    return repo.save(repo.create({ ...values, organizationId, lastUsedAt: null, revokedAt: null }));
  }

  async revoke(em: EntityManager, organizationId: string, apiKeyId: string): Promise<void> {
    await em
      .getRepository(ApiKey)
      .update(
        { organizationId, id: apiKeyId, revokedAt: IsNull() },
        { revokedAt: new Date(), updatedAt: new Date() },
      );
  }

  /** At most one write a minute per key, so machine clients do not turn every read into a write. */
  async touchLastUsed(em: EntityManager, organizationId: string, apiKeyId: string): Promise<void> {
    await em
      .getRepository(ApiKey)
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :apiKeyId AND organization_id = :organizationId', { apiKeyId, organizationId })
      .andWhere(`(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`)
      .execute();
  }
}
