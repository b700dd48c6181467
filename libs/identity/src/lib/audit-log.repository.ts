import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';

export interface AuditLogFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** created_at as Postgres prints it: keeps the microseconds a JS Date would drop. */
export interface AuditLogCursor {
  createdAt: string;
  id: string;
}

export interface AuditLogRow {
  entry: AuditLogEntry;
  cursor: AuditLogCursor;
}

@Injectable()
export class AuditLogRepository {
  async insert(
    em: EntityManager,
    organizationId: string,
    values: Omit<AuditLogEntry, 'id' | 'organizationId' | 'createdAt'>,
  ): Promise<void> {
    const repo = em.getRepository(AuditLogEntry);
    await repo.save(repo.create({ ...values, organizationId }));
  }

  /** Newest first; uses the (organization_id, created_at DESC, id DESC) index. */
  async listPage(
    em: EntityManager,
    organizationId: string,
    filter: AuditLogFilter,
    after: AuditLogCursor | null,
    take: number,
  ): Promise<AuditLogRow[]> {
    const qb = em
      .getRepository(AuditLogEntry)
      .createQueryBuilder('a')
      .addSelect('a.created_at::text', 'cursor_created_at')
      .where('a.organization_id = :organizationId', { organizationId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(take);
    if (filter.actorId !== undefined)
      qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action !== undefined) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from !== undefined) qb.andWhere('a.created_at >= :from', { from: filter.from });
    if (filter.to !== undefined) qb.andWhere('a.created_at < :to', { to: filter.to });
    if (after !== null) {
      qb.andWhere(
        '(a.created_at, a.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))',
        {
          afterCreatedAt: after.createdAt,
          afterId: after.id,
        },
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<{
      a_id: string;
      cursor_created_at: string;
    }>();
    const createdAtById = new Map(raw.map((r) => [r.a_id, r.cursor_created_at]));
    return entities.map((entry) => ({
      entry,
      cursor: {
        createdAt: createdAtById.get(entry.id) ?? entry.createdAt.toISOString(),
        id: entry.id,
      },
    }));
  }
}
