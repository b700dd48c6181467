import { Injectable } from '@nestjs/common';
import type { Role } from '@peerline/contracts';
import type { EntityManager } from 'typeorm';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string | null;
}

@Injectable()
export class UsersRepository {
  findById(em: EntityManager, organizationId: string, userId: string): Promise<User | null> {
    return em.getRepository(User).findOneBy({ organizationId, id: userId });
  }

  findByIdForUpdate(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<User | null> {
    return em.getRepository(User).findOne({
      where: { organizationId, id: userId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findByEmail(em: EntityManager, organizationId: string, email: string): Promise<User | null> {
    return em.getRepository(User).findOneBy({ organizationId, email });
  }

  /** Runs on every authenticated request: one primary-key lookup, only the columns needed. */
  findActiveRoles(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<Pick<User, 'id' | 'roles'> | null> {
    return em.getRepository(User).findOne({
      select: { id: true, roles: true },
      where: { id: userId, organizationId, isActive: true },
    });
  }

  /** Ordered by e-mail (unique per organization), so the cursor is simply the last address. */
  listPage(
    em: EntityManager,
    organizationId: string,
    afterEmail: string | null,
    take: number,
  ): Promise<User[]> {
    const qb = em
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.organization_id = :organizationId', { organizationId })
      .orderBy('u.email', 'ASC')
      .take(take);
    if (afterEmail !== null) qb.andWhere('u.email > :afterEmail', { afterEmail });
    return qb.getMany();
  }

  countOtherActiveAdmins(
    em: EntityManager,
    organizationId: string,
    exceptUserId: string,
  ): Promise<number> {
    return em
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.organization_id = :organizationId', { organizationId })
      .andWhere('u.id <> :exceptUserId', { exceptUserId })
      .andWhere('u.is_active')
      .andWhere(`'admin' = ANY(u.roles)`)
      .getCount();
  }

  insert(em: EntityManager, organizationId: string, values: NewUser): Promise<User> {
    const repo = em.getRepository(User);
    return repo.save(repo.create({ ...values, organizationId, isActive: true, lastLoginAt: null }));
  }

  async update(
    em: EntityManager,
    organizationId: string,
    userId: string,
    changes: Partial<Pick<User, 'roles' | 'isActive' | 'passwordHash'>>,
  ): Promise<void> {
    await em
      .getRepository(User)
      .update({ organizationId, id: userId }, { ...changes, updatedAt: new Date() });
  }

  async touchLastLogin(em: EntityManager, organizationId: string, userId: string): Promise<void> {
    await em
      .getRepository(User)
      .update({ organizationId, id: userId }, { lastLoginAt: new Date() });
  }
}
