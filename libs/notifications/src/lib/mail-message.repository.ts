import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { execUpdate } from '@peerline/queue';
import {
  readMailCalendar,
  readMailHeaders,
  type MailCalendar,
  type MailHeaders,
} from './mail-extras';
import type { MailStatus } from './mail-message.entity';

export interface NewMailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  template: string;
  idempotencyKey: string;
  calendar?: MailCalendar | null;
  headers?: MailHeaders;
}

/** A message claimed for sending; `attempt` fences the later sent/failed update to this claim. */
export interface ClaimedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  calendar: MailCalendar | null;
  headers: MailHeaders;
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
      `INSERT INTO mail_messages (organization_id, to_address, subject, text_body, html_body, template, idempotency_key, calendar, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        m.organizationId,
        m.to,
        m.subject,
        m.text,
        m.html,
        m.template,
        m.idempotencyKey,
        m.calendar ? JSON.stringify(m.calendar) : null,
        JSON.stringify(m.headers ?? {}),
      ],
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
      calendar: unknown;
      headers: unknown;
      attempts: number;
    }>(
      this.dataSource,
      `UPDATE mail_messages
          SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND purged_at IS NULL
          AND (status IN ('pending', 'failed')
               OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2)))
        RETURNING id, to_address, subject, text_body, html_body, calendar, headers, attempts`,
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
      calendar: readMailCalendar(row.calendar),
      headers: readMailHeaders(row.headers),
      attempt: row.attempts,
    };
  }

  /** 'purged' when retention blanked the message: there is nothing left to send. */
  async findStatus(id: string): Promise<MailStatus | 'purged' | null> {
    const rows = await this.dataSource.query<{ status: MailStatus; purged: boolean }[]>(
      `SELECT status, purged_at IS NOT NULL AS purged FROM mail_messages WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return row.purged && row.status !== 'sent' ? 'purged' : row.status;
  }

  /**
   * Blanks addresses, bodies, the calendar part (names, addresses, the question) and the headers
   * of messages finished more than `days` ago; the row stays as the record that a message was
   * sent. Returns how many rows it changed (at most `limit`).
   */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    const { count } = await execUpdate(
      this.dataSource,
      `UPDATE mail_messages
          SET to_address = '', subject = '[purged]', text_body = '', html_body = NULL,
              calendar = NULL, headers = '{}', purged_at = now()
        WHERE id IN (
          SELECT id FROM mail_messages
           WHERE purged_at IS NULL AND status IN ('sent', 'failed')
             AND updated_at < now() - make_interval(days => $1)
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [days, limit],
    );
    return count;
  }

  /**
   * Records the send and, in the same statement, the outbox row as processed: one round trip
   * after the server accepted the message, so the window in which a crash leaves an accepted
   * message unrecorded is as short as it can be. False when the claim was lost (the lease ran
   * out and another worker took the message).
   */
  async markSent(
    id: string,
    attempt: number,
    outboxId: string | null = null,
  ): Promise<{ sent: boolean; outboxMarked: boolean }> {
    const rows = await this.dataSource.query<{ sent: boolean; processed: string }[]>(
      `WITH sent AS (
         UPDATE mail_messages SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
          WHERE id = $1 AND status = 'sending' AND attempts = $2
          RETURNING id),
       processed AS (
         UPDATE outbox SET processed_at = now(), dispatched_at = COALESCE(dispatched_at, now())
          WHERE id = $3::uuid AND processed_at IS NULL AND EXISTS (SELECT 1 FROM sent)
          RETURNING id)
       SELECT EXISTS (SELECT 1 FROM sent) AS sent, (SELECT count(*) FROM processed) AS processed`,
      [id, attempt, outboxId],
    );
    const row = rows[0];
    return { sent: row?.sent === true, outboxMarked: Number(row?.processed ?? 0) > 0 };
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
