import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ambassador directory: profiles, the organization's default weekly capacity, per-week
 * capacity counters and the reservations that consume them.
 */
export class Ambassadors1764100000000 implements MigrationInterface {
  name = 'Ambassadors1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // Fuzzy name search ("jonh" finds "John") needs trigram similarity and its GIN operator class.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE ambassador_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        default_weekly_capacity integer NOT NULL DEFAULT 3
          CHECK (default_weekly_capacity BETWEEN 0 AND 50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // A generated column may only call IMMUTABLE functions; array_to_string is declared STABLE
    // only because of arbitrary element types, and is immutable for text[]. Topic tags are
    // hyphenated ("distributed-tracing"): spaces make them match "distributed tracing" queries.
    await q.query(`
      CREATE FUNCTION ambassador_search_document(title text, topics text[], prompts text[], bio text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, translate(coalesce(array_to_string(topics, ' '), ''), '-', ' ')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(prompts, ' '), '')), 'C')
            || setweight(to_tsvector('english'::regconfig, coalesce(bio, '')), 'D')
      $$`);

    await q.query(`
      CREATE TABLE ambassadors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
        photo_url text,
        title text,
        team text,
        department text,
        level text,
        location text,
        time_zone text NOT NULL,
        utc_offset_minutes integer NOT NULL CHECK (utc_offset_minutes BETWEEN -720 AND 840),
        languages text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL DEFAULT '{}',
        bio text NOT NULL DEFAULT '',
        prompts text[] NOT NULL DEFAULT '{}',
        links jsonb NOT NULL DEFAULT '[]'::jsonb,
        jobs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'away')),
        returns_on date,
        weekly_capacity integer NOT NULL CHECK (weekly_capacity BETWEEN 0 AND 50),
        capacity_is_default boolean NOT NULL DEFAULT true,
        search_vector tsvector NOT NULL
          GENERATED ALWAYS AS (ambassador_search_document(title, topics, prompts, bio)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'away' OR returns_on IS NOT NULL),
        UNIQUE (organization_id, user_id),
        UNIQUE (organization_id, id),
        -- The owner is a user of the same organization.
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    // The default directory order (remaining capacity, then id) walks this index backwards.
    await q.query(
      `CREATE INDEX ambassadors_listing_idx ON ambassadors (organization_id, weekly_capacity, id)
         WHERE status <> 'paused'`,
    );
    await q.query(
      `CREATE INDEX ambassadors_away_idx ON ambassadors (organization_id, id) WHERE status = 'away'`,
    );
    await q.query(`CREATE INDEX ambassadors_search_idx ON ambassadors USING gin (search_vector)`);
    await q.query(
      `CREATE INDEX ambassadors_name_trgm_idx ON ambassadors USING gin (display_name gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX ambassadors_topics_idx ON ambassadors USING gin (topics)`);
    // Team is the main facet of a company directory: with this index a team filter walks its
    // own slice of the listing order instead of filtering the whole organization's walk.
    await q.query(
      `CREATE INDEX ambassadors_team_listing_idx
         ON ambassadors (organization_id, lower(team), weekly_capacity, id) WHERE status <> 'paused'`,
    );
    // Filters compare lower(level) and lower(department); without statistics on those expressions
    // the planner guesses 0.5% each, and for team + level chose a sequential scan over the index
    // walk. (lower(team) gets its statistics from the index above.)
    await q.query(
      `CREATE STATISTICS ambassadors_filter_stats_level ON (lower(level)) FROM ambassadors`,
    );
    await q.query(
      `CREATE STATISTICS ambassadors_filter_stats_department ON (lower(department)) FROM ambassadors`,
    );

    // One counter per ambassador and ISO week (in the organization's time zone): reservations
    // are a conditional upsert on this row, so concurrent requests can never over-book.
    await q.query(`
      CREATE TABLE ambassador_capacity_weeks (
        organization_id uuid NOT NULL,
        ambassador_id uuid NOT NULL,
        iso_week text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
        capacity integer NOT NULL CHECK (capacity >= 0),
        used integer NOT NULL CHECK (used >= 0),
        -- Stored so the directory can walk "most capacity left first" in an index.
        remaining integer NOT NULL GENERATED ALWAYS AS (greatest(capacity - used, 0)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ambassador_id, iso_week),
        FOREIGN KEY (organization_id, ambassador_id)
          REFERENCES ambassadors (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ambassador_capacity_weeks_in_use_idx
         ON ambassador_capacity_weeks (organization_id, iso_week, remaining, ambassador_id)
         WHERE used > 0`,
    );

    // Keyed by the caller's reference, so a replayed reserve or release changes nothing twice.
    await q.query(`
      CREATE TABLE ambassador_capacity_reservations (
        organization_id uuid NOT NULL,
        reference text NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 200),
        ambassador_id uuid NOT NULL,
        iso_week text NOT NULL,
        reserved_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        PRIMARY KEY (organization_id, reference),
        FOREIGN KEY (organization_id, ambassador_id)
          REFERENCES ambassadors (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ambassador_capacity_reservations_ambassador_idx
         ON ambassador_capacity_reservations (ambassador_id, iso_week)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ambassador_capacity_reservations`);
    await q.query(`DROP TABLE IF EXISTS ambassador_capacity_weeks`);
    await q.query(`DROP TABLE IF EXISTS ambassadors`);
    await q.query(`DROP FUNCTION IF EXISTS ambassador_search_document(text, text[], text[], text)`);
    await q.query(`DROP TABLE IF EXISTS ambassador_settings`);
    // pg_trgm stays: other tables may use it by now, and keeping it is harmless.
  }
}
