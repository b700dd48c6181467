import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationsRepository {
  findById(em: EntityManager, organizationId: string): Promise<Organization | null> {
    return em.getRepository(Organization).findOneBy({ id: organizationId });
  }

  /** Login and the CLI know an organization only by its slug. */
  findBySlug(em: EntityManager, slug: string): Promise<Organization | null> {
    return em.getRepository(Organization).findOneBy({ slug });
  }

  /** Serializes commands that must see a consistent set of admins of one organization. */
  async lock(em: EntityManager, organizationId: string): Promise<void> {
    await em
      .getRepository(Organization)
      .createQueryBuilder('o')
      .select('o.id')
      .where('o.id = :organizationId', { organizationId })
      .setLock('pessimistic_write')
      .getOne();
  }

  insert(
    em: EntityManager,
    values: { slug: string; name: string; timeZone: string },
  ): Promise<Organization> {
    const repo = em.getRepository(Organization);
    return repo.save(repo.create(values));
  }
}
