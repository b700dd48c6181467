import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Invite } from './invite.entity';

@Injectable()
export class InvitesRepository {
  /** Lookups by the unique hash: the invitee has no session and names no organization. */
  findByHash(em: EntityManager, tokenHash: string): Promise<Invite | null> {
    return em.getRepository(Invite).findOneBy({ tokenHash });
  }

  findByHashForUpdate(em: EntityManager, tokenHash: string): Promise<Invite | null> {
    return em
      .getRepository(Invite)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    em: EntityManager,
    organizationId: string,
    values: { userId: string; tokenHash: string; expiresAt: Date; createdBy: string | null },
  ): Promise<string> {
    const repo = em.getRepository(Invite);
    const saved = await repo.save(repo.create({ ...values, organizationId, acceptedAt: null }));
    return saved.id;
  }

  async markAccepted(em: EntityManager, organizationId: string, inviteId: string): Promise<void> {
    await em
      .getRepository(Invite)
      .update({ organizationId, id: inviteId }, { acceptedAt: new Date() });
  }
}
