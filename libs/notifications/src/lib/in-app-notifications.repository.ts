import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execUpdate } from '@peerline/queue';

export interface NewInAppNotification {
  organizationId: string;
  userId: string;
  template: string;
  title: string;
  body: string;
  url: string | null;
  idempotencyKey: string;
}

export interface InAppNotificationRow {
  id: string;
  template: string;
  title: string;
  body: string;
  url: string | null;
  readAt: Date | null;
  createdAt: Date;
  /** created_at at full (microsecond) precision, for cursors: a Date would round it. */
  cursorTime: string;
}

interface Row {
  id: string;
  template: string;
  title: string;
  body: string;
  url: string | null;
  read_at: Date | null;
  created_at: Date;
  cursor_time: string;
}

const toRow = (r: Row): InAppNotificationRow => ({
  id: r.id,
  template: r.template,
  title: r.title,
  body: r.body,
  url: r.url,
  readAt: r.read_at,
  createdAt: r.created_at,
  cursorTime: r.cursor_time,
});

/** Every method takes the organization and the user: a notification is only ever its owner's. */
@Injectable()
export class InAppNotificationsRepository {
  /** Null when the idempotency key was used before (a replayed command). */
  async insertIfAbsent(tx: EntityManager, n: NewInAppNotification): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO notifications (organization_id, user_id, template, title, body, url, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [n.organizationId, n.userId, n.template, n.title, n.body, n.url, n.idempotencyKey],
    );
    return rows[0]?.id ?? null;
  }

  /** Newest first; `after` is the last row of the previous page. */
  async list(
    em: EntityManager,
    organizationId: string,
    userId: string,
    limit: number,
    after: { createdAt: string; id: string } | null,
    unreadOnly: boolean,
  ): Promise<InAppNotificationRow[]> {
    const rows = await em.query<Row[]>(
      `SELECT id, template, title, body, url, read_at, created_at, created_at::text AS cursor_time
         FROM notifications
        WHERE organization_id = $1 AND user_id = $2
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
          AND (NOT $5 OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC
        LIMIT $6`,
      [organizationId, userId, after?.createdAt ?? null, after?.id ?? null, unreadOnly, limit],
    );
    return rows.map(toRow);
  }

  async countUnread(em: EntityManager, organizationId: string, userId: string): Promise<number> {
    const rows = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications
        WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [organizationId, userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Null when there is no such notification of this user: the caller answers 404. */
  async markRead(
    em: EntityManager,
    organizationId: string,
    userId: string,
    id: string,
  ): Promise<InAppNotificationRow | null> {
    const { rows } = await execUpdate<Row>(
      em,
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE organization_id = $1 AND user_id = $2 AND id = $3
        RETURNING id, template, title, body, url, read_at, created_at, created_at::text AS cursor_time`,
      [organizationId, userId, id],
    );
    const row = rows[0];
    return row ? toRow(row) : null;
  }

  async markAllRead(em: EntityManager, organizationId: string, userId: string): Promise<number> {
    const { count } = await execUpdate(
      em,
      `UPDATE notifications SET read_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL
        RETURNING id`,
      [organizationId, userId],
    );
    return count;
  }
}
