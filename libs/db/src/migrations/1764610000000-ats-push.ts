import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pushing consented referrals to the ATS (Greenhouse Candidate Ingestion, Ashby referral.create):
 * per connection an encrypted push configuration (base URL, API key, acting user or referral
 * form), and on each referral when and with what result it was pushed.
 */
export class AtsPush1764610000000 implements MigrationInterface {
  name = 'AtsPush1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ats_connections
        -- AES-256-GCM sealed JSON { baseUrl, apiKey, onBehalfOf?, referralFormId? }; null: no push.
        ADD COLUMN push_config_encrypted text,
        ADD COLUMN push_base_url text`);
    await q.query(`
      ALTER TABLE referrals
        ADD COLUMN push_connection_id uuid,
        ADD COLUMN push_error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP COLUMN IF EXISTS push_error, DROP COLUMN IF EXISTS push_connection_id`);
    await q.query(
      `ALTER TABLE ats_connections DROP COLUMN IF EXISTS push_base_url, DROP COLUMN IF EXISTS push_config_encrypted`,
    );
  }
}
