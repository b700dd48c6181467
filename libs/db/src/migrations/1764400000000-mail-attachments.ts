import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A calendar part (an iMIP invite or cancellation, sent as text/calendar and as invite.ics) and a
 * few allow-listed headers (List-Unsubscribe) on queued mail. The mail.send job reads them with
 * the message at send time, like the bodies; retention blanks them with the bodies. The size
 * limits match MAIL_CALENDAR_MAX_BYTES and the header limits in the notifications lib, so a row
 * written around the service still cannot hold megabytes.
 */
export class MailAttachments1764400000000 implements MigrationInterface {
  name = 'MailAttachments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mail_messages
        ADD COLUMN calendar jsonb
          CONSTRAINT mail_messages_calendar_check CHECK (
            calendar IS NULL OR (
              jsonb_typeof(calendar) = 'object'
              AND calendar->>'method' IN ('REQUEST', 'CANCEL')
              AND jsonb_typeof(calendar->'content') = 'string'
              AND octet_length(calendar->>'content') <= 65536)),
        ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'
          CONSTRAINT mail_messages_headers_check CHECK (
            jsonb_typeof(headers) = 'object' AND octet_length(headers::text) <= 4096)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE mail_messages DROP COLUMN IF EXISTS headers, DROP COLUMN IF EXISTS calendar`,
    );
  }
}
