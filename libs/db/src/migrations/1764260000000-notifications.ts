import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels and preferences: in-app notifications, per-user preferences, daily
 * digests, the per-organization chat webhook and its deliveries; retention columns for mail.
 * Every row that belongs to a user references users (organization_id, id), so a row can never
 * point at a user of another organization.
 */
export class Notifications1764260000000 implements MigrationInterface {
  name = 'Notifications1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        email_enabled boolean NOT NULL DEFAULT true,
        in_app_enabled boolean NOT NULL DEFAULT true,
        digest text NOT NULL DEFAULT 'immediate' CHECK (digest IN ('immediate', 'daily')),
        digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        time_zone text,
        locale text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        template text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        url text,
        idempotency_key text NOT NULL UNIQUE,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX notifications_user_time_idx ON notifications (organization_id, user_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_unread_idx ON notifications (organization_id, user_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        local_date date NOT NULL,
        item_count integer NOT NULL,
        mail_message_id uuid REFERENCES mail_messages (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, local_date),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE notification_digest_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        template text NOT NULL,
        title text NOT NULL,
        url text,
        idempotency_key text NOT NULL UNIQUE,
        digest_id uuid REFERENCES notification_digests (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX notification_digest_items_pending_idx ON notification_digest_items (user_id, created_at) WHERE digest_id IS NULL`,
    );
    await q.query(`
      CREATE TABLE organization_notification_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        chat_webhook_url_encrypted text,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE chat_webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        template text NOT NULL,
        message jsonb NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Retention: bodies and addresses of old messages are blanked, the row stays for its status.
    await q.query(`ALTER TABLE mail_messages ADD COLUMN purged_at timestamptz`);
    await q.query(
      `CREATE INDEX mail_messages_retention_idx ON mail_messages (updated_at)
         WHERE purged_at IS NULL AND status IN ('sent', 'failed')`,
    );
    await q.query(
      `CREATE INDEX outbox_processed_idx ON outbox (processed_at) WHERE processed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_processed_idx`);
    await q.query(`DROP INDEX IF EXISTS mail_messages_retention_idx`);
    await q.query(`ALTER TABLE mail_messages DROP COLUMN IF EXISTS purged_at`);
    for (const t of [
      'chat_webhook_deliveries',
      'organization_notification_settings',
      'notification_digest_items',
      'notification_digests',
      'notifications',
      'notification_preferences',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
