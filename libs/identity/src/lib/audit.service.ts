import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, ValidationFailedError, type Page } from '@peerline/http-kit';
import { getCorrelationId } from '@peerline/observability';
import { assertAnyRole, type AuditActor } from './actor.util';
import { isUuid } from './access-token-claims.util';
import { AuditLogRepository, type AuditLogCursor } from './audit-log.repository';
import { redactSecrets, type AuditSnapshot } from './audit-redaction.util';
import type { AuditLogEntryDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { toAuditLogEntryDto } from './identity.mappers';

export interface AuditRecord {
  organizationId: string;
  actor: AuditActor;
  /** dotted, lower case: `user.roles_changed`, `api_key.created` */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  before?: AuditSnapshot | null;
  after?: AuditSnapshot | null;
}

const DEFAULT_LIMIT = 20;

// created_at as Postgres prints a timestamptz, e.g. 2030-01-02 03:04:05.123456+00
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function decodeAuditCursor(cursor: string): AuditLogCursor {
  const { t, i } = decodeCursor(cursor, ['t', 'i'] as const);
  // Checked here so a forged cursor is a 400, not a failed cast inside Postgres.
  if (!PG_TIMESTAMPTZ.test(t) || !isUuid(i)) {
    throw new ValidationFailedError('The cursor is not valid.', {
      fields: { cursor: ['malformed cursor'] },
    });
  }
  return { createdAt: t, id: i };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** Writes inside the caller's transaction, so the record exists exactly when the change does. */
  async record(tx: EntityManager, record: AuditRecord): Promise<void> {
    await this.auditLog.insert(tx, record.organizationId, {
      actorType: record.actor.kind,
      actorId: record.actor.kind === 'system' ? null : record.actor.id,
      action: record.action,
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      before: redactSecrets(record.before),
      after: redactSecrets(record.after),
      correlationId: getCorrelationId() ?? null,
    });
  }

  async list(actor: Actor, query: AuditLogQueryDto): Promise<Page<AuditLogEntryDto>> {
    assertAnyRole(actor, 'admin', 'hr');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeAuditCursor(query.cursor);
    const rows = await this.auditLog.listPage(
      this.dataSource.manager,
      actor.organizationId,
      {
        actorId: query.actor,
        action: query.action,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (row) => ({ t: row.cursor.createdAt, i: row.cursor.id }));
    return {
      items: page.items.map((row) => toAuditLogEntryDto(row.entry)),
      nextCursor: page.nextCursor,
    };
  }
}
