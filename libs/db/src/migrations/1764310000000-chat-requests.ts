import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Peer-chat requests (PRODUCT.md §2–3): requesters (one row per organization and normalized
 * e-mail), the requests with their screening result, the state history, the MinHash bands used
 * to find near-duplicate texts, the organization's block list and screening settings, and the
 * moderation labels that feed the classifier.
 *
 * ambassador_id columns carry no foreign key on purpose: the ambassadors lib owns that table and
 * may delete a profile (its user is deleted); a request must outlive it as history.
 */
export class ChatRequests1764310000000 implements MigrationInterface {
  name = 'ChatRequests1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE requesters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email_normalized text NOT NULL
          CHECK (email_normalized = lower(email_normalized) AND char_length(email_normalized) <= 320),
        email_domain text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, email_normalized),
        UNIQUE (organization_id, id)
      )`);

    await q.query(`
      CREATE TABLE chat_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        requester_id uuid NOT NULL,
        -- What the requester picked (null: "best match for my topic"), and who has it now.
        requested_ambassador_id uuid,
        ambassador_id uuid,
        routing_topic text,
        route_if_full boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('unverified', 'screening', 'review', 'rejected',
          'waiting', 'delivered', 'accepted', 'scheduled', 'completed', 'no_show', 'cancelled',
          'declined', 'expired', 'withdrawn')),
        status_reason text,
        requester_name text NOT NULL,
        links text[] NOT NULL DEFAULT '{}',
        ask text NOT NULL,
        value_proposition text NOT NULL,
        topics text[] NOT NULL DEFAULT '{}',
        job_id uuid,
        preferred_times text[] NOT NULL DEFAULT '{}',
        consent_at timestamptz NOT NULL,
        -- A keyed hash of the client address: counts per address without storing it.
        client_ip_hash text NOT NULL,
        -- MinHash of the text, computed when it is screened (near-duplicate detection).
        fingerprint text,
        verification_token_hash text NOT NULL UNIQUE,
        verification_expires_at timestamptz NOT NULL,
        verified_at timestamptz,
        screening_outcome text CHECK (screening_outcome IN ('passed', 'review', 'rejected')),
        screening_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        screening_coaching jsonb NOT NULL DEFAULT '[]'::jsonb,
        screening_score real,
        screening_signals jsonb,
        screened_at timestamptz,
        resubmit_count integer NOT NULL DEFAULT 0 CHECK (resubmit_count BETWEEN 0 AND 1),
        appealed_at timestamptz,
        appeal_note text,
        retry_after timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, id),
        FOREIGN KEY (organization_id, requester_id) REFERENCES requesters (organization_id, id) ON DELETE CASCADE,
        CHECK (status <> 'waiting' OR retry_after IS NOT NULL)
      )`);
    // The ambassador's inbox, oldest first.
    await q.query(
      `CREATE INDEX chat_requests_inbox_idx ON chat_requests (organization_id, ambassador_id, delivered_at, id)
         WHERE status = 'delivered'`,
    );
    // The moderation queue, oldest first.
    await q.query(
      `CREATE INDEX chat_requests_review_idx ON chat_requests (organization_id, updated_at, id)
         WHERE status = 'review'`,
    );
    await q.query(
      `CREATE INDEX chat_requests_requester_idx ON chat_requests (organization_id, requester_id, created_at)`,
    );
    await q.query(
      `CREATE INDEX chat_requests_ip_idx ON chat_requests (organization_id, client_ip_hash, created_at)`,
    );
    // The sweeps: unverified requests past their link's life, waiting ones due for a retry.
    await q.query(
      `CREATE INDEX chat_requests_unverified_idx ON chat_requests (verification_expires_at)
         WHERE status = 'unverified'`,
    );
    await q.query(
      `CREATE INDEX chat_requests_waiting_idx ON chat_requests (retry_after) WHERE status = 'waiting'`,
    );

    await q.query(`
      CREATE TABLE chat_request_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        request_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('requester', 'user', 'api_key', 'system')),
        actor_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (organization_id, request_id) REFERENCES chat_requests (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX chat_request_history_request_idx ON chat_request_history (organization_id, request_id, id)`,
    );

    // LSH band keys of each screened request's MinHash (16 per request): near-duplicate
    // candidates are found through the index instead of comparing every pair.
    await q.query(`
      CREATE TABLE chat_request_fingerprint_bands (
        organization_id uuid NOT NULL,
        request_id uuid NOT NULL,
        band text NOT NULL,
        ambassador_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, band),
        FOREIGN KEY (organization_id, request_id) REFERENCES chat_requests (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX chat_request_fingerprint_bands_lookup_idx
         ON chat_request_fingerprint_bands (organization_id, band, created_at)`,
    );

    // Blocked senders. An ambassador's abuse report blocks the address at once, pending HR's
    // review (status 'pending_review' blocks too); HR confirms ('active') or lifts it.
    await q.query(`
      CREATE TABLE requester_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('email', 'domain')),
        value text NOT NULL CHECK (value = lower(value)),
        status text NOT NULL CHECK (status IN ('pending_review', 'active', 'lifted')),
        source text NOT NULL CHECK (source IN ('abuse_report', 'hr')),
        source_request_id uuid,
        created_by uuid,
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX requester_blocks_in_force_idx ON requester_blocks (organization_id, kind, value)
         WHERE status <> 'lifted'`,
    );

    await q.query(`
      CREATE TABLE screening_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        -- Only the overrides HR set; defaults come from the screening lib, so improved defaults
        -- reach organizations that never touched a value.
        overrides jsonb NOT NULL DEFAULT '{}'::jsonb,
        blocked_domains text[] NOT NULL DEFAULT '{}',
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Every HR or ambassador decision on a request, with the text it was about: the
    // organization's own training data for the classifier.
    await q.query(`
      CREATE TABLE screening_labels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        request_id uuid NOT NULL,
        text text NOT NULL,
        label text NOT NULL CHECK (label IN ('legitimate', 'spam', 'abusive')),
        source text NOT NULL CHECK (source IN ('hr_moderation', 'hr_appeal', 'ambassador')),
        decided_by uuid,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organization_id, request_id) REFERENCES chat_requests (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX screening_labels_org_idx ON screening_labels (organization_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS screening_labels`);
    await q.query(`DROP TABLE IF EXISTS screening_settings`);
    await q.query(`DROP TABLE IF EXISTS requester_blocks`);
    await q.query(`DROP TABLE IF EXISTS chat_request_fingerprint_bands`);
    await q.query(`DROP TABLE IF EXISTS chat_request_history`);
    await q.query(`DROP TABLE IF EXISTS chat_requests`);
    await q.query(`DROP TABLE IF EXISTS requesters`);
  }
}
