import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organization's own screening model, trained from its moderation labels (HR pass/reject,
 * appeals, ambassador abuse reports) and blended with the bundled model at screening time. One row
 * per organization, replaced by each retraining; `label_count` is how many labels existed when it
 * was trained, so the retraining job skips organizations with nothing new.
 */
export class ScreeningOrgModels1764620000000 implements MigrationInterface {
  name = 'ScreeningOrgModels1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screening_org_models (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        artifact jsonb NOT NULL,
        labelled_examples integer NOT NULL CHECK (labelled_examples > 0),
        label_count integer NOT NULL CHECK (label_count >= labelled_examples),
        trained_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS screening_org_models`);
  }
}
