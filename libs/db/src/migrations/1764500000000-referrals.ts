import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals and attribution (PRODUCT.md §4): jobs, the organization's credit settings, referrals
 * with their consent, credit decision and status timeline, disputes, and the ATS side
 * (connections, raw inbound events, Lever replay tokens, hires seen in the ATS).
 *
 * Users are referenced with (organization_id, user_id) foreign keys, so a row can never point at a
 * user of another organization.
 */
export class Referrals1764500000000 implements MigrationInterface {
  name = 'Referrals1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        credit_model text NOT NULL DEFAULT 'candidate' CHECK (credit_model IN ('candidate', 'job')),
        ownership_window_months integer NOT NULL DEFAULT 12 CHECK (ownership_window_months BETWEEN 1 AND 60),
        prior_applicant_window_months integer NOT NULL DEFAULT 6 CHECK (prior_applicant_window_months BETWEEN 0 AND 60),
        excluded_groups text[] NOT NULL DEFAULT '{}',
        closing_note_opt_in_default boolean NOT NULL DEFAULT false,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        department text,
        level text,
        location text,
        ats_job_id text,
        hiring_manager_id uuid,
        recruiter_id uuid,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id),
        FOREIGN KEY (organization_id, hiring_manager_id) REFERENCES users (organization_id, id),
        FOREIGN KEY (organization_id, recruiter_id) REFERENCES users (organization_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX jobs_ats_job_idx ON jobs (organization_id, ats_job_id) WHERE ats_job_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX jobs_open_idx ON jobs (organization_id, status, created_at, id)`);

    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        job_id uuid NOT NULL,
        referrer_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('conversation', 'warm', 'cold')),
        chat_request_id uuid,
        candidate_name text NOT NULL,
        candidate_email text NOT NULL CHECK (candidate_email = lower(candidate_email)),
        candidate_links text[] NOT NULL DEFAULT '{}',
        endorsement jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_consent', 'lapsed', 'declined_by_candidate',
          'submitted', 'duplicate', 'ineligible', 'in_review', 'interviewing', 'offer', 'hired',
          'rejected', 'withdrawn')),
        closing_reason text,
        -- The credit decision, made when the candidate consents, with the rule and its sentence.
        credit_status text CHECK (credit_status IN ('credited', 'duplicate', 'ineligible')),
        credit_rule text,
        credit_explanation text,
        credit_owner_referral_id uuid,
        consent_token_hash text NOT NULL UNIQUE,
        consent_expires_at timestamptz NOT NULL,
        consented_at timestamptz,
        closing_note_opt_in boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        ats_candidate_id text,
        ats_application_id text,
        pushed_at timestamptz,
        hired_at timestamptz,
        start_date date,
        unhired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id),
        FOREIGN KEY (organization_id, job_id) REFERENCES jobs (organization_id, id),
        FOREIGN KEY (organization_id, referrer_id) REFERENCES users (organization_id, id),
        FOREIGN KEY (organization_id, chat_request_id) REFERENCES chat_requests (organization_id, id),
        CHECK (status IN ('awaiting_consent', 'lapsed', 'declined_by_candidate') OR consented_at IS NOT NULL),
        CHECK (type <> 'conversation' OR chat_request_id IS NOT NULL)
      )`);
    // One conversation referral per chat and job.
    await q.query(
      `CREATE UNIQUE INDEX referrals_chat_job_idx ON referrals (organization_id, chat_request_id, job_id)
         WHERE chat_request_id IS NOT NULL`,
    );
    // Credit decisions look up every referral of the candidate in the organization.
    await q.query(
      `CREATE INDEX referrals_candidate_idx ON referrals (organization_id, candidate_email, created_at)`,
    );
    await q.query(
      `CREATE INDEX referrals_ats_candidate_idx ON referrals (organization_id, ats_candidate_id)
         WHERE ats_candidate_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX referrals_ats_application_idx ON referrals (organization_id, ats_application_id)
         WHERE ats_application_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX referrals_referrer_idx ON referrals (organization_id, referrer_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX referrals_consent_due_idx ON referrals (consent_expires_at) WHERE status = 'awaiting_consent'`,
    );

    await q.query(`
      CREATE TABLE referral_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        referral_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'candidate', 'ats', 'system')),
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (organization_id, referral_id) REFERENCES referrals (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX referral_history_idx ON referral_history (organization_id, referral_id, id)`,
    );

    await q.query(`
      CREATE TABLE referral_disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        referral_id uuid NOT NULL,
        opened_by uuid NOT NULL,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'overturned')),
        resolved_by uuid,
        resolution_note text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id),
        FOREIGN KEY (organization_id, referral_id) REFERENCES referrals (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, opened_by) REFERENCES users (organization_id, id),
        CHECK ((status = 'open') = (resolved_at IS NULL))
      )`);
    // One open dispute per referral at a time.
    await q.query(
      `CREATE UNIQUE INDEX referral_disputes_open_idx ON referral_disputes (referral_id) WHERE status = 'open'`,
    );

    await q.query(`
      CREATE TABLE ats_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('greenhouse', 'lever', 'ashby')),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        -- The webhook secret, encrypted (AES-256-GCM with a key derived from ENCRYPTION_KEY):
        -- verifying an HMAC needs the secret itself, so a hash would not do.
        secret_encrypted text NOT NULL,
        created_by uuid,
        received_count bigint NOT NULL DEFAULT 0,
        processed_count bigint NOT NULL DEFAULT 0,
        failed_count bigint NOT NULL DEFAULT 0,
        last_error text,
        last_received_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id)
      )`);

    await q.query(`
      CREATE TABLE ats_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        connection_id uuid NOT NULL,
        provider text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        raw_body text NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
        normalized jsonb,
        error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        UNIQUE (connection_id, event_id),
        FOREIGN KEY (organization_id, connection_id) REFERENCES ats_connections (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ats_events_connection_idx ON ats_events (organization_id, connection_id, received_at DESC, id)`,
    );

    // Lever signs only token + triggeredAt: a token seen before is a replay.
    await q.query(`
      CREATE TABLE ats_replay_tokens (
        connection_id uuid NOT NULL REFERENCES ats_connections(id) ON DELETE CASCADE,
        token text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, token)
      )`);

    // Applications the ATS reported (referred or not): prior applicants, and matching later events.
    await q.query(`
      CREATE TABLE ats_applications (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL,
        ats_application_id text NOT NULL,
        ats_candidate_id text,
        ats_job_id text,
        candidate_email text,
        referral_id uuid,
        applied_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, ats_application_id)
      )`);
    await q.query(
      `CREATE INDEX ats_applications_email_idx ON ats_applications (organization_id, candidate_email)
         WHERE candidate_email IS NOT NULL`,
    );

    // Every hire the ATS reports, referred or not (the referral share of hires is real).
    await q.query(`
      CREATE TABLE ats_hires (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL,
        ats_application_id text,
        ats_candidate_id text,
        ats_job_id text,
        referral_id uuid,
        start_date date,
        hired_at timestamptz NOT NULL DEFAULT now(),
        unhired_at timestamptz,
        credited_to_mismatch boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ats_hires_application_idx ON ats_hires (organization_id, connection_id, ats_application_id)
         WHERE ats_application_id IS NOT NULL`,
    );

    // Referral-to-hire conversions, recorded by the worker from the referral's hire event:
    // chat → referral → hire, and reversed by an un-hire.
    await q.query(`
      CREATE TABLE referral_conversions (
        referral_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        chat_request_id uuid,
        referral_type text NOT NULL,
        referred_at timestamptz NOT NULL,
        hired_at timestamptz NOT NULL,
        start_date date,
        reversed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, referral_id) REFERENCES referrals (organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'referral_conversions',
      'ats_hires',
      'ats_applications',
      'ats_replay_tokens',
      'ats_events',
      'ats_connections',
      'referral_disputes',
      'referral_history',
      'referrals',
      'jobs',
      'referral_settings',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
