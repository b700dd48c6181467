import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueueCursor } from './chat-request.types';
import type { BlockKind, BlockStatus } from './requester-block.entity';

export interface BlockRow {
  id: string;
  kind: BlockKind;
  value: string;
  status: BlockStatus;
  source: 'abuse_report' | 'hr';
  sourceRequestId: string | null;
  createdBy: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  cursorAt: string;
}

interface Raw {
  id: string;
  kind: BlockKind;
  value: string;
  status: BlockStatus;
  source: 'abuse_report' | 'hr';
  source_request_id: string | null;
  created_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  cursor_at: string;
}

const COLUMNS = `id, kind, value, status, source, source_request_id, created_by, reviewed_by,
  reviewed_at, created_at, created_at::text AS cursor_at`;

function toRow(r: Raw): BlockRow {
  return {
    id: r.id,
    kind: r.kind,
    value: r.value,
    status: r.status,
    source: r.source,
    sourceRequestId: r.source_request_id,
    createdBy: r.created_by,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
    cursorAt: r.cursor_at,
  };
}

/** requester_blocks as HR reviews them; every query is scoped by organization. */
@Injectable()
export class BlocksRepository {
  async list(
    em: EntityManager,
    organizationId: string,
    status: BlockStatus,
    after: QueueCursor | null,
    take: number,
  ): Promise<BlockRow[]> {
    const rows = await em.query<Raw[]>(
      `SELECT ${COLUMNS} FROM requester_blocks
        WHERE organization_id = $1 AND status = $2
          AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY created_at, id
        LIMIT $5`,
      [organizationId, status, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map(toRow);
  }

  async find(
    em: EntityManager,
    organizationId: string,
    id: string,
    lock: boolean,
  ): Promise<BlockRow | null> {
    const rows = await em.query<Raw[]>(
      `SELECT ${COLUMNS} FROM requester_blocks WHERE organization_id = $1 AND id = $2
        ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Compare-and-set from pending_review. */
  async review(
    tx: EntityManager,
    organizationId: string,
    id: string,
    status: 'active' | 'lifted',
    reviewedBy: string | null,
  ): Promise<BlockRow | null> {
    const rows = await tx.query<Raw[]>(
      // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH reviewed AS (
         UPDATE requester_blocks
            SET status = $3, reviewed_by = $4::uuid, reviewed_at = now(), updated_at = now()
          WHERE organization_id = $1 AND id = $2 AND status = 'pending_review'
         RETURNING *
       )
       SELECT ${COLUMNS} FROM reviewed`,
      [organizationId, id, status, reviewedBy],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }
}
