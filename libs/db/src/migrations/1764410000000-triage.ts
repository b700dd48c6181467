import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ambassador triage and the chat lifecycle (PRODUCT.md §3): the service-level clock of a delivered
 * request (reminders, answer-by date), the agreed slot, the ambassador's outcome, who introduced a
 * follow-up request, both sides' ratings, and the one-click e-mail links already used.
 */
export class Triage1764410000000 implements MigrationInterface {
  name = 'Triage1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE chat_requests
        -- The service level of a delivered request: reminders at 48 h steps (at most 3), expiry at
        -- respond_by. Both move forward while the ambassador is away.
        ADD COLUMN respond_by timestamptz,
        ADD COLUMN next_reminder_at timestamptz,
        ADD COLUMN reminders_sent integer NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 3),
        ADD COLUMN accepted_at timestamptz,
        -- The agreed slot; schedule_sequence is the iCalendar SEQUENCE (each change replaces the event).
        ADD COLUMN starts_at timestamptz,
        ADD COLUMN duration_minutes integer CHECK (duration_minutes BETWEEN 10 AND 240),
        ADD COLUMN schedule_sequence integer NOT NULL DEFAULT 0,
        ADD COLUMN meeting_url text CHECK (char_length(meeting_url) <= 500),
        ADD COLUMN finished_at timestamptz,
        ADD COLUMN outcome text CHECK (outcome IN ('no_fit', 'keep_in_touch', 'would_refer')),
        -- A request an ambassador created after a chat ("who else should I talk to?").
        ADD COLUMN introduced_from_request_id uuid,
        -- The reference of the weekly slot the request holds (the ambassadors lib's reservation):
        -- the request id for the first delivery, a fresh one after a forward or re-route.
        ADD COLUMN capacity_reference text,
        ADD CONSTRAINT chat_requests_scheduled_has_slot
          CHECK (status <> 'scheduled' OR (starts_at IS NOT NULL AND duration_minutes IS NOT NULL))`);
    // Delivered requests already in the inbox: give them the service-level clock they would have had.
    await q.query(`
      UPDATE chat_requests
         SET respond_by = delivered_at + interval '7 days',
             next_reminder_at = delivered_at + interval '48 hours'
       WHERE status = 'delivered' AND delivered_at IS NOT NULL`);
    await q.query(`
      UPDATE chat_requests SET capacity_reference = id::text
       WHERE status IN ('delivered', 'accepted', 'scheduled')`);
    await q.query(
      `CREATE INDEX chat_requests_reminder_due_idx ON chat_requests (next_reminder_at)
         WHERE status = 'delivered' AND next_reminder_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX chat_requests_respond_by_idx ON chat_requests (respond_by)
         WHERE status = 'delivered'`,
    );

    await q.query(`
      CREATE TABLE chat_feedback (
        organization_id uuid NOT NULL,
        request_id uuid NOT NULL,
        side text NOT NULL CHECK (side IN ('requester', 'ambassador')),
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        note text CHECK (char_length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, side),
        FOREIGN KEY (organization_id, request_id) REFERENCES chat_requests (organization_id, id) ON DELETE CASCADE
      )`);

    // One row per one-click link set used (accept and decline of one delivery share the id):
    // the primary key makes a link single-use even under parallel clicks.
    await q.query(`
      CREATE TABLE triage_link_uses (
        link_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        request_id uuid NOT NULL,
        ambassador_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('accept', 'decline')),
        used_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, request_id) REFERENCES chat_requests (organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS triage_link_uses`);
    await q.query(`DROP TABLE IF EXISTS chat_feedback`);
    await q.query(`DROP INDEX IF EXISTS chat_requests_respond_by_idx`);
    await q.query(`DROP INDEX IF EXISTS chat_requests_reminder_due_idx`);
    await q.query(`
      ALTER TABLE chat_requests
        DROP CONSTRAINT IF EXISTS chat_requests_scheduled_has_slot,
        DROP COLUMN IF EXISTS capacity_reference,
        DROP COLUMN IF EXISTS introduced_from_request_id,
        DROP COLUMN IF EXISTS outcome,
        DROP COLUMN IF EXISTS finished_at,
        DROP COLUMN IF EXISTS meeting_url,
        DROP COLUMN IF EXISTS schedule_sequence,
        DROP COLUMN IF EXISTS duration_minutes,
        DROP COLUMN IF EXISTS starts_at,
        DROP COLUMN IF EXISTS accepted_at,
        DROP COLUMN IF EXISTS reminders_sent,
        DROP COLUMN IF EXISTS next_reminder_at,
        DROP COLUMN IF EXISTS respond_by`);
  }
}
