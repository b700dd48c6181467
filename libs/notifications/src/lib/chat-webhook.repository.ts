import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { execUpdate } from '@peerline/queue';
import type { ChatDeliveryStatus } from './chat-webhook.entity';

export interface ClaimedDelivery {
  id: string;
  organizationId: string;
  message: unknown;
  attempt: number;
}

/** Settings and deliveries of the per-organization chat webhook. */
@Injectable()
export class ChatWebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findEncryptedUrl(em: EntityManager, organizationId: string): Promise<string | null> {
    const rows = await em.query<{ url: string | null }[]>(
      `SELECT chat_webhook_url_encrypted AS url FROM organization_notification_settings
        WHERE organization_id = $1`,
      [organizationId],
    );
    return rows[0]?.url ?? null;
  }

  async saveEncryptedUrl(
    em: EntityManager,
    organizationId: string,
    encryptedUrl: string | null,
    updatedBy: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO organization_notification_settings (organization_id, chat_webhook_url_encrypted, updated_by)
       VALUES ($1, $2, $3)
       ON CONFLICT (organization_id) DO UPDATE SET
         chat_webhook_url_encrypted = EXCLUDED.chat_webhook_url_encrypted,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organizationId, encryptedUrl, updatedBy],
    );
  }

  async insertDelivery(
    tx: EntityManager,
    d: { organizationId: string; template: string; message: unknown; idempotencyKey: string },
  ): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO chat_webhook_deliveries (organization_id, template, message, idempotency_key)
       VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [d.organizationId, d.template, JSON.stringify(d.message), d.idempotencyKey],
    );
    return rows[0]?.id ?? null;
  }

  /** The same claim rule as mail (ADR 4): one sender at a time, a dead sender's claim expires. */
  async claim(id: string, leaseSeconds: number): Promise<ClaimedDelivery | null> {
    const { rows } = await execUpdate<{
      id: string;
      organization_id: string;
      message: unknown;
      attempts: number;
    }>(
      this.dataSource,
      `UPDATE chat_webhook_deliveries
          SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1
          AND (status IN ('pending', 'failed')
               OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2)))
        RETURNING id, organization_id, message, attempts`,
      [id, leaseSeconds],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          organizationId: row.organization_id,
          message: row.message,
          attempt: row.attempts,
        }
      : null;
  }

  async findStatus(id: string): Promise<ChatDeliveryStatus | null> {
    const rows = await this.dataSource.query<{ status: ChatDeliveryStatus }[]>(
      `SELECT status FROM chat_webhook_deliveries WHERE id = $1`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  async finish(
    id: string,
    attempt: number,
    status: 'sent' | 'failed' | 'skipped',
    error: string | null,
  ): Promise<boolean> {
    const { count } = await execUpdate(
      this.dataSource,
      `UPDATE chat_webhook_deliveries
          SET status = $3, last_error = $4, updated_at = now(),
              sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, status, error],
    );
    return count > 0;
  }
}
