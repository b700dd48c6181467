import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { execUpdate } from '@peerline/queue';

export interface NewDigestItem {
  organizationId: string;
  userId: string;
  template: string;
  title: string;
  url: string | null;
  idempotencyKey: string;
}

export interface DueDigest {
  organizationId: string;
  userId: string;
  /** The recipient's local date (YYYY-MM-DD) at the time of the query. */
  localDate: string;
}

export interface TakenItem {
  title: string;
  url: string | null;
  createdAt: Date;
}

@Injectable()
export class DigestRepository {
  async insertItem(tx: EntityManager, item: NewDigestItem): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO notification_digest_items (organization_id, user_id, template, title, url, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [item.organizationId, item.userId, item.template, item.title, item.url, item.idempotencyKey],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Recipients with waiting items whose local clock has passed their digest hour and who have no
   * digest for their local date yet. Postgres does the time-zone arithmetic (its tz database),
   * so "local morning" is one query, not a loop over users.
   */
  async findDue(db: DataSource | EntityManager, limit: number): Promise<DueDigest[]> {
    const rows = await db.query<{ organization_id: string; user_id: string; local_date: string }[]>(
      `SELECT w.organization_id, w.user_id, to_char(z.local_now, 'YYYY-MM-DD') AS local_date
         FROM (SELECT DISTINCT organization_id, user_id
                 FROM notification_digest_items WHERE digest_id IS NULL) w
         JOIN organizations o ON o.id = w.organization_id
         LEFT JOIN notification_preferences p ON p.user_id = w.user_id
        CROSS JOIN LATERAL (SELECT now() AT TIME ZONE COALESCE(p.time_zone, o.time_zone) AS local_now) z
        WHERE extract(hour FROM z.local_now) >= COALESCE(p.digest_hour, 8)
          AND NOT EXISTS (
            SELECT 1 FROM notification_digests d
             WHERE d.user_id = w.user_id AND d.local_date = z.local_now::date)
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      userId: r.user_id,
      localDate: r.local_date,
    }));
  }

  /**
   * Claims the digest of (user, local date). The unique key makes this the only guard needed:
   * a concurrent sweep in another worker waits on the row, then finds it taken and gets null.
   */
  async claimDigest(tx: EntityManager, due: DueDigest): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO notification_digests (organization_id, user_id, local_date, item_count)
       VALUES ($1, $2, $3::date, 0)
       ON CONFLICT (user_id, local_date) DO NOTHING
       RETURNING id`,
      [due.organizationId, due.userId, due.localDate],
    );
    return rows[0]?.id ?? null;
  }

  /** Moves every waiting item of the user into the digest, oldest first. */
  async takeItems(
    tx: EntityManager,
    organizationId: string,
    userId: string,
    digestId: string,
  ): Promise<TakenItem[]> {
    const { rows } = await execUpdate<{ title: string; url: string | null; created_at: Date }>(
      tx,
      `UPDATE notification_digest_items SET digest_id = $3
        WHERE organization_id = $1 AND user_id = $2 AND digest_id IS NULL
        RETURNING title, url, created_at`,
      [organizationId, userId, digestId],
    );
    return rows
      .map((r) => ({ title: r.title, url: r.url, createdAt: r.created_at }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async finishDigest(
    tx: EntityManager,
    digestId: string,
    itemCount: number,
    mailMessageId: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE notification_digests SET item_count = $2, mail_message_id = $3 WHERE id = $1`,
      [digestId, itemCount, mailMessageId],
    );
  }
}
