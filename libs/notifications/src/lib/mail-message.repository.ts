import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { execUpdate } from '@peerline/queue';
import type { MailStatus } from './mail-message.entity';

export interface NewMailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  template: string;
  idempotencyKey: string;
}

/** A message claimed for sending; `attempt` fences the later sent/failed update to this claim. */
export interface ClaimedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempt: number;
}

/**
 * The only queries on mail_messages. Delivery works by message id alone (the job payload carries
 * nothing else), so these methods take no organization id; the id is a random uuid.
 */
@Injectable()
export class MailMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the new id, or null when a message with this idempotency key already exists. */
  async insertIfAbsent(tx: EntityManager, m: NewMailMessage): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO mail_messages (organization_id, to_address, subject, text_body, html_body, template, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [m.organizationId, m.to, m.subject, m.text, m.html, m.template, m.idempotencyKey],
    );
    return rows[0]?.id ?? null;
  }

  async findIdByIdempotencyKey(tx: EntityManager, idempotencyKey: string): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM mail_messages WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Takes the message for one send attempt. Only one caller can win: the update is conditional on
   * the status, and Postgres serializes concurrent updates of the row. A 'sending' row whose claim
   * is older than the lease belongs to a worker that died mid-send and may be taken over.
   */
  async claim(id: string, leaseSeconds: number): Promise<ClaimedMail | null> {
    const { rows } = await execUpdate<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string | null;
      attempts: number;
    }>(
      this.dataSource,
      `UPDATE mail_messages
          SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1
          AND (status IN ('pending', 'failed')
               OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2)))
        RETURNING id, to_address, subject, text_body, html_body, attempts`,
      [id, leaseSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      attempt: row.attempts,
    };
  }

  async findStatus(id: string): Promise<MailStatus | null> {
    const rows = await this.dataSource.query<{ status: MailStatus }[]>(
      `SELECT status FROM mail_messages WHERE id = $1`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  /** False when the claim was lost (the lease ran out and another worker took the message). */
  async markSent(id: string, attempt: number): Promise<boolean> {
    const { count } = await execUpdate(
      this.dataSource,
      `UPDATE mail_messages SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt],
    );
    return count > 0;
  }

  async markFailed(id: string, attempt: number, error: string): Promise<boolean> {
    const { count } = await execUpdate(
      this.dataSource,
      `UPDATE mail_messages SET status = 'failed', last_error = $3, updated_at = now()
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, error],
    );
    return count > 0;
  }
}
