import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records final job failures on the outbox row. Without it the relay cannot tell "failed for good"
 * from "lost by Redis", and would re-send a failed job once BullMQ evicts it from its failed set.
 */
export class OutboxFailure1763900000000 implements MigrationInterface {
  name = 'OutboxFailure1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox ADD COLUMN failed_at timestamptz, ADD COLUMN last_error text`,
    );
    await q.query(`DROP INDEX IF EXISTS outbox_unprocessed_idx`);
    await q.query(
      `CREATE INDEX outbox_unprocessed_idx ON outbox (dispatched_at)
         WHERE processed_at IS NULL AND failed_at IS NULL AND dispatched_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_failed_idx ON outbox (failed_at) WHERE failed_at IS NOT NULL AND processed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_failed_idx`);
    await q.query(`DROP INDEX IF EXISTS outbox_unprocessed_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN last_error, DROP COLUMN failed_at`);
    await q.query(
      `CREATE INDEX outbox_unprocessed_idx ON outbox (dispatched_at) WHERE processed_at IS NULL AND dispatched_at IS NOT NULL`,
    );
  }
}
