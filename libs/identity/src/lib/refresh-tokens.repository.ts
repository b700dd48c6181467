import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  /**
   * Lookup by the unique hash (the caller knows no organization yet). The row lock makes a
   * second, parallel refresh of the same token wait and then see it as used.
   */
  findByHashForUpdate(em: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return em
      .getRepository(RefreshToken)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  findByHashOfUser(
    em: EntityManager,
    organizationId: string,
    userId: string,
    tokenHash: string,
  ): Promise<RefreshToken | null> {
    return em.getRepository(RefreshToken).findOneBy({ organizationId, userId, tokenHash });
  }

  async insert(
    em: EntityManager,
    organizationId: string,
    values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await em.getRepository(RefreshToken).insert({ ...values, organizationId });
  }

  /** Compare-and-set: false when someone else used the token first. */
  async markUsed(em: EntityManager, organizationId: string, tokenId: string): Promise<boolean> {
    const result = await em
      .getRepository(RefreshToken)
      .update({ organizationId, id: tokenId, usedAt: IsNull() }, { usedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(em: EntityManager, organizationId: string, familyId: string): Promise<void> {
    await em
      .getRepository(RefreshToken)
      .update({ organizationId, familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(em: EntityManager, organizationId: string, userId: string): Promise<void> {
    await em
      .getRepository(RefreshToken)
      .update({ organizationId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
