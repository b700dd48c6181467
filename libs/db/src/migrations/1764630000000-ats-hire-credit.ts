import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whom the ATS credited with a hire (Greenhouse `credited_to`, Ashby `creditedToUser`), kept on
 * the hire so HR can see, next to the mismatch flag, who the ATS names instead of the referrer.
 */
export class AtsHireCredit1764630000000 implements MigrationInterface {
  name = 'AtsHireCredit1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ats_hires
        ADD COLUMN credited_to_name text,
        ADD COLUMN credited_to_email text`);
    await q.query(
      `CREATE INDEX ats_hires_connection_idx ON ats_hires (organization_id, connection_id, hired_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ats_hires_connection_idx`);
    await q.query(
      `ALTER TABLE ats_hires DROP COLUMN IF EXISTS credited_to_email, DROP COLUMN IF EXISTS credited_to_name`,
    );
  }
}
