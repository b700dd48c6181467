import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AmbassadorLink,
  AmbassadorRecord,
  AmbassadorStatus,
  AvailabilityFields,
  DirectoryCursor,
  DirectoryFilters,
  DirectoryRow,
  OrganizationClock,
  ProfileFields,
  PublicProfileRow,
} from './ambassador.types';
import { queryPrepared, withPgClient, type PgClient } from './pg-client.util';
import { syntheticVocabulary } from './synthetic-ambassadors';
import {
  CARD_COLUMNS,
  CLOCK_COLUMNS,
  runDirectorySearch,
  remainingExpr,
  VISIBLE_OWNER,
  type SearchRowBase,
  type SqlStatement,
} from './directory-search.query';

export const FALLBACK_WEEKLY_CAPACITY = 3;

// ISO year and week, as 2026-W47. Computed by PostgreSQL in the organization's zone everywhere
// (search, reservations), so there is one definition of "this week".
const ISO_WEEK = `'IYYY-"W"IW'`;

interface CardRowRaw {
  id: string;
  display_name: string;
  photo_url: string | null;
  title: string | null;
  team: string | null;
  department: string | null;
  level: string | null;
  location: string | null;
  time_zone: string;
  utc_offset_minutes: number;
  languages: string[];
  topics: string[];
  status: AmbassadorStatus;
  returns_on: string | null;
  remaining: number;
  score: string | null;
}

interface ProfileRowRaw extends CardRowRaw {
  bio: string;
  prompts: string[];
  links: AmbassadorLink[];
  jobs: string[];
}

interface RecordRowRaw extends ProfileRowRaw {
  organization_id: string;
  user_id: string;
  weekly_capacity: number;
  capacity_is_default: boolean;
  used_this_week: number;
  created_at: Date;
  updated_at: Date;
}

export interface MatchCandidateRow extends DirectoryRow {
  sharedTopics: number;
}

export interface StaffListCursor {
  displayName: string;
  id: string;
}

interface ClockRowRaw {
  id: string;
  time_zone: string;
  iso_week: string;
  /** text: node-postgres would turn a date into a Date at local midnight */
  today_text: string;
}

function toClock(r: ClockRowRaw | undefined): OrganizationClock | null {
  return r
    ? { organizationId: r.id, timeZone: r.time_zone, isoWeek: r.iso_week, today: r.today_text }
    : null;
}

type SearchRowRaw = SearchRowBase & Partial<CardRowRaw>;

/** A name search needs pg_trgm's threshold, set for its own transaction only. */
async function runSearchStatement<R>(
  client: PgClient,
  statement: SqlStatement,
  inTransaction: boolean,
): Promise<R[]> {
  if (statement.nameThreshold === null) {
    return queryPrepared<R>(client, statement.sql, statement.params, statement.prepare);
  }
  const setThreshold = async () =>
    client.query({
      text: `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`,
      values: [String(statement.nameThreshold)],
    });
  if (inTransaction) {
    await setThreshold();
    return queryPrepared<R>(client, statement.sql, statement.params, statement.prepare);
  }
  await client.query({ text: 'BEGIN' });
  try {
    await setThreshold();
    const rows = await queryPrepared<R>(client, statement.sql, statement.params, statement.prepare);
    await client.query({ text: 'COMMIT' });
    return rows;
  } catch (err) {
    await client.query({ text: 'ROLLBACK' });
    throw err;
  }
}

function toCard(r: CardRowRaw): DirectoryRow {
  return {
    id: r.id,
    displayName: r.display_name,
    photoUrl: r.photo_url,
    title: r.title,
    team: r.team,
    department: r.department,
    level: r.level,
    location: r.location,
    timeZone: r.time_zone,
    utcOffsetMinutes: r.utc_offset_minutes,
    languages: r.languages,
    topics: r.topics,
    status: r.status,
    returnsOn: r.returns_on,
    remaining: Number(r.remaining),
    score: r.score ?? null,
  };
}

function toPublicProfile(r: ProfileRowRaw): PublicProfileRow {
  return { ...toCard(r), bio: r.bio, prompts: r.prompts, links: r.links, jobs: r.jobs };
}

function toRecord(r: RecordRowRaw): AmbassadorRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    userId: r.user_id,
    displayName: r.display_name,
    photoUrl: r.photo_url,
    title: r.title,
    team: r.team,
    department: r.department,
    level: r.level,
    location: r.location,
    timeZone: r.time_zone,
    utcOffsetMinutes: r.utc_offset_minutes,
    languages: r.languages,
    topics: r.topics,
    bio: r.bio,
    prompts: r.prompts,
    links: r.links,
    jobs: r.jobs,
    status: r.status,
    returnsOn: r.returns_on,
    weeklyCapacity: r.weekly_capacity,
    capacityIsDefault: r.capacity_is_default,
    usedThisWeek: r.used_this_week,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function profileValues(fields: ProfileFields): unknown[] {
  return [
    fields.displayName,
    fields.photoUrl,
    fields.title,
    fields.team,
    fields.department,
    fields.level,
    fields.location,
    fields.timeZone,
    fields.utcOffsetMinutes,
    fields.languages,
    fields.topics,
    fields.bio,
    fields.prompts,
    JSON.stringify(fields.links),
    fields.jobs,
  ];
}

/**
 * The only place with SQL for the directory's tables. Every method takes the organization id
 * (or, for the public entry point, resolves it from the slug) and filters by it.
 * It reads two identity tables without writing them: organizations (slug and time zone) and
 * users (only active users holding the ambassador role are listed).
 */
@Injectable()
export class AmbassadorsRepository {
  // ---- organization clock -------------------------------------------------------------------

  async findClockBySlug(em: EntityManager, slug: string): Promise<OrganizationClock | null> {
    return withPgClient(em, async (client) => {
      const rows = await queryPrepared<ClockRowRaw>(
        client,
        `SELECT ${CLOCK_COLUMNS}, (now() AT TIME ZONE time_zone)::date::text AS today_text
           FROM organizations WHERE slug = $1`,
        [slug],
      );
      return toClock(rows[0]);
    });
  }

  async findClock(em: EntityManager, organizationId: string): Promise<OrganizationClock | null> {
    const rows: ClockRowRaw[] = await em.query(
      `SELECT ${CLOCK_COLUMNS}, (now() AT TIME ZONE time_zone)::date::text AS today_text
         FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return toClock(rows[0]);
  }

  // ---- profiles (owner and HR) --------------------------------------------------------------

  private async findRecord(
    em: EntityManager,
    organizationId: string,
    column: 'id' | 'user_id',
    value: string,
    lock: boolean,
  ): Promise<AmbassadorRecord | null> {
    const rows: RecordRowRaw[] = await em.query(
      `SELECT ${CARD_COLUMNS}, a.organization_id, a.user_id, a.bio, a.prompts, a.links, a.jobs,
              a.weekly_capacity, a.capacity_is_default, a.created_at, a.updated_at,
              coalesce(w.used, 0) AS used_this_week, 0 AS remaining, NULL AS score
         FROM ambassadors a
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN ambassador_capacity_weeks w
           ON w.ambassador_id = a.id
          AND w.iso_week = to_char(now() AT TIME ZONE o.time_zone, ${ISO_WEEK})
        WHERE a.organization_id = $1 AND a.${column} = $2
        ${lock ? 'FOR UPDATE OF a' : ''}`,
      [organizationId, value],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  findById(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<AmbassadorRecord | null> {
    return this.findRecord(em, organizationId, 'id', id, options.lock ?? false);
  }

  findByUserId(
    em: EntityManager,
    organizationId: string,
    userId: string,
    options: { lock?: boolean } = {},
  ): Promise<AmbassadorRecord | null> {
    return this.findRecord(em, organizationId, 'user_id', userId, options.lock ?? false);
  }

  /**
   * Creates the user's profile, or replaces its profile fields; availability and capacity are
   * left alone on update. A new profile starts active with the organization's default capacity.
   */
  async upsertProfile(
    em: EntityManager,
    organizationId: string,
    userId: string,
    fields: ProfileFields,
  ): Promise<{ id: string; created: boolean }> {
    const rows: { id: string; created: boolean }[] = await em.query(
      `INSERT INTO ambassadors (organization_id, user_id, display_name, photo_url, title, team,
              department, level, location, time_zone, utc_offset_minutes, languages, topics, bio,
              prompts, links, jobs, weekly_capacity, capacity_is_default)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17,
              coalesce((SELECT default_weekly_capacity FROM ambassador_settings
                         WHERE organization_id = $1), ${FALLBACK_WEEKLY_CAPACITY}),
              true)
       ON CONFLICT (organization_id, user_id) DO UPDATE SET
              display_name = EXCLUDED.display_name, photo_url = EXCLUDED.photo_url,
              title = EXCLUDED.title, team = EXCLUDED.team, department = EXCLUDED.department,
              level = EXCLUDED.level, location = EXCLUDED.location,
              time_zone = EXCLUDED.time_zone, utc_offset_minutes = EXCLUDED.utc_offset_minutes,
              languages = EXCLUDED.languages, topics = EXCLUDED.topics, bio = EXCLUDED.bio,
              prompts = EXCLUDED.prompts, links = EXCLUDED.links, jobs = EXCLUDED.jobs,
              updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [organizationId, userId, ...profileValues(fields)],
    );
    const row = rows[0];
    if (!row) throw new Error('upsert returned no row');
    return row;
  }

  async updateProfile(
    em: EntityManager,
    organizationId: string,
    id: string,
    fields: ProfileFields,
  ): Promise<void> {
    await em.query(
      `UPDATE ambassadors SET display_name = $3, photo_url = $4, title = $5, team = $6,
              department = $7, level = $8, location = $9, time_zone = $10,
              utc_offset_minutes = $11, languages = $12, topics = $13, bio = $14, prompts = $15,
              links = $16::jsonb, jobs = $17, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, ...profileValues(fields)],
    );
  }

  /**
   * Also moves this and later weeks' counters to the new capacity, so "slots left" and the
   * conditional reservation agree with it at once.
   */
  async updateAvailability(
    em: EntityManager,
    organizationId: string,
    id: string,
    availability: AvailabilityFields,
    fromIsoWeek: string,
  ): Promise<void> {
    await em.query(
      `UPDATE ambassadors SET status = $3, returns_on = $4::date, weekly_capacity = $5,
              capacity_is_default = false, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [
        organizationId,
        id,
        availability.status,
        availability.returnsOn,
        availability.weeklyCapacity,
      ],
    );
    await em.query(
      `UPDATE ambassador_capacity_weeks SET capacity = $3, updated_at = now()
        WHERE organization_id = $1 AND ambassador_id = $2 AND iso_week >= $4 AND capacity <> $3`,
      [organizationId, id, availability.weeklyCapacity, fromIsoWeek],
    );
  }

  /** For HR: every profile, paused ones too, by name. */
  async listForStaff(
    em: EntityManager,
    organizationId: string,
    after: StaffListCursor | null,
    take: number,
  ): Promise<AmbassadorRecord[]> {
    const params: unknown[] = [organizationId, take];
    let keyset = '';
    if (after) {
      params.push(after.displayName, after.id);
      keyset = 'AND (a.display_name, a.id) > ($3, $4::uuid)';
    }
    const rows: RecordRowRaw[] = await em.query(
      `SELECT ${CARD_COLUMNS}, a.organization_id, a.user_id, a.bio, a.prompts, a.links, a.jobs,
              a.weekly_capacity, a.capacity_is_default, a.created_at, a.updated_at,
              coalesce(w.used, 0) AS used_this_week, 0 AS remaining, NULL AS score
         FROM ambassadors a
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN ambassador_capacity_weeks w
           ON w.ambassador_id = a.id
          AND w.iso_week = to_char(now() AT TIME ZONE o.time_zone, ${ISO_WEEK})
        WHERE a.organization_id = $1 ${keyset}
        ORDER BY a.display_name, a.id
        LIMIT $2`,
      params,
    );
    return rows.map(toRecord);
  }

  async countInOrganization(em: EntityManager, organizationId: string): Promise<number> {
    const rows: { n: number }[] = await em.query(
      'SELECT count(*)::int AS n FROM ambassadors WHERE organization_id = $1',
      [organizationId],
    );
    return rows[0]?.n ?? 0;
  }

  // ---- settings -----------------------------------------------------------------------------

  async getDefaultCapacity(em: EntityManager, organizationId: string): Promise<number> {
    const rows: { default_weekly_capacity: number }[] = await em.query(
      'SELECT default_weekly_capacity FROM ambassador_settings WHERE organization_id = $1',
      [organizationId],
    );
    return rows[0]?.default_weekly_capacity ?? FALLBACK_WEEKLY_CAPACITY;
  }

  /**
   * Sets the default and applies it to every ambassador who never chose a capacity, including
   * their counters from this week on. Returns how many ambassadors changed.
   */
  async setDefaultCapacity(
    em: EntityManager,
    organizationId: string,
    capacity: number,
    fromIsoWeek: string,
  ): Promise<number> {
    await em.query(
      `INSERT INTO ambassador_settings (organization_id, default_weekly_capacity) VALUES ($1, $2)
       ON CONFLICT (organization_id) DO UPDATE
          SET default_weekly_capacity = EXCLUDED.default_weekly_capacity, updated_at = now()`,
      [organizationId, capacity],
    );
    const rows: { n: number }[] = await em.query(
      `WITH changed AS (
         UPDATE ambassadors SET weekly_capacity = $2, updated_at = now()
          WHERE organization_id = $1 AND capacity_is_default AND weekly_capacity <> $2
         RETURNING id
       ), counters AS (
         UPDATE ambassador_capacity_weeks w SET capacity = $2, updated_at = now()
           FROM changed c
          WHERE w.organization_id = $1 AND w.ambassador_id = c.id AND w.iso_week >= $3
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM changed`,
      [organizationId, capacity, fromIsoWeek],
    );
    return rows[0]?.n ?? 0;
  }

  // ---- public directory ---------------------------------------------------------------------

  /**
   * The public search, on one connection with prepared statements: the organization's clock by
   * slug, then the search (see runDirectorySearch). Null for an unknown organization.
   */
  async searchPublic(
    em: EntityManager,
    slug: string,
    filters: DirectoryFilters,
    after: DirectoryCursor | null,
    take: number,
  ): Promise<{ clock: OrganizationClock; rows: DirectoryRow[] } | null> {
    const rows = await withPgClient(em, (client, inTransaction) =>
      runDirectorySearch({ slug, filters, after, take }, (statement) =>
        runSearchStatement<SearchRowRaw>(client, statement, inTransaction),
      ),
    );
    const first = rows[0];
    if (!first) return null;
    const clock: OrganizationClock = {
      organizationId: first.org_id,
      timeZone: first.org_time_zone,
      isoWeek: first.org_iso_week,
      today: first.org_today,
    };
    // An organization without matches comes back as one row without an ambassador.
    const cards = rows.filter((r): r is SearchRowRaw & CardRowRaw => r.id !== null);
    return { clock, rows: cards.map(toCard) };
  }

  async findPublicProfile(
    em: EntityManager,
    clock: OrganizationClock,
    id: string,
  ): Promise<PublicProfileRow | null> {
    const rows: ProfileRowRaw[] = await em.query(
      `SELECT ${CARD_COLUMNS}, a.bio, a.prompts, a.links, a.jobs,
              ${remainingExpr('$4::date')} AS remaining, NULL AS score
         FROM ambassadors a
         LEFT JOIN ambassador_capacity_weeks w ON w.ambassador_id = a.id AND w.iso_week = $3
        WHERE a.organization_id = $1 AND a.id = $2 AND a.status <> 'paused' AND ${VISIBLE_OWNER}`,
      [clock.organizationId, id, clock.isoWeek, clock.today],
    );
    return rows[0] ? toPublicProfile(rows[0]) : null;
  }

  /**
   * Ambassadors with a slot this week who share at least one criterion, pre-sorted by
   * (shared topics, same team, same department, speaks language, slots left, id): the order the
   * scoring function's weights produce, so the cut-off keeps the best candidates.
   */
  async findMatchCandidates(
    em: EntityManager,
    clock: OrganizationClock,
    criteria: { topics: string[]; team?: string; department?: string; language?: string },
    take: number,
  ): Promise<MatchCandidateRow[]> {
    const rows: (CardRowRaw & { shared_topics: number })[] = await em.query(
      `SELECT ${CARD_COLUMNS}, s.remaining, NULL AS score, s.shared_topics
         FROM ambassadors a
         LEFT JOIN ambassador_capacity_weeks w ON w.ambassador_id = a.id AND w.iso_week = $2
        CROSS JOIN LATERAL (SELECT
              ${remainingExpr('$3::date')} AS remaining,
              cardinality(ARRAY(SELECT unnest(a.topics) INTERSECT SELECT unnest($4::text[])))
                AS shared_topics,
              coalesce(lower(a.team) = lower($5), false) AS same_team,
              coalesce(lower(a.department) = lower($6), false) AS same_department,
              coalesce(a.languages @> ARRAY[$7::text], false) AS speaks) s
        WHERE a.organization_id = $1 AND a.status <> 'paused' AND ${VISIBLE_OWNER}
          AND s.remaining > 0
          AND (a.topics && $4::text[] OR s.same_team OR s.same_department OR s.speaks)
        ORDER BY s.shared_topics DESC, s.same_team DESC, s.same_department DESC, s.speaks DESC,
                 s.remaining DESC, a.id DESC
        LIMIT $8`,
      [
        clock.organizationId,
        clock.isoWeek,
        clock.today,
        criteria.topics,
        criteria.team ?? null,
        criteria.department ?? null,
        criteria.language ?? null,
        take,
      ],
    );
    return rows.map((r) => ({ ...toCard(r), sharedTopics: r.shared_topics }));
  }

  // ---- capacity -----------------------------------------------------------------------------

  /**
   * Locks the ambassador row in share mode until the transaction ends: reservations run in
   * parallel, while a capacity change waits for them (and they for it), so the capacity a
   * reservation checks against cannot change under it.
   */
  async lockForReservation(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    at: Date,
  ): Promise<{ capacity: number; isoWeek: string; available: boolean } | null> {
    const rows: { capacity: number; iso_week: string; available: boolean }[] = await em.query(
      `SELECT a.weekly_capacity AS capacity,
              to_char($3::timestamptz AT TIME ZONE o.time_zone, ${ISO_WEEK}) AS iso_week,
              (a.status = 'active'
                OR (a.status = 'away'
                    AND a.returns_on <= ($3::timestamptz AT TIME ZONE o.time_zone)::date))
                AS available
         FROM ambassadors a
         JOIN organizations o ON o.id = a.organization_id
        WHERE a.organization_id = $1 AND a.id = $2
          FOR SHARE OF a`,
      [organizationId, ambassadorId, at.toISOString()],
    );
    const r = rows[0];
    return r ? { capacity: r.capacity, isoWeek: r.iso_week, available: r.available } : null;
  }

  /** False when the reference already exists (a replay, or a reference used before). */
  async claimReservation(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    isoWeek: string,
    reference: string,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO ambassador_capacity_reservations (organization_id, reference, ambassador_id, iso_week)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, reference) DO NOTHING
       RETURNING reference`,
      [organizationId, reference, ambassadorId, isoWeek],
    );
    return rows.length === 1;
  }

  async findReservation(
    em: EntityManager,
    organizationId: string,
    reference: string,
  ): Promise<{ ambassadorId: string; released: boolean } | null> {
    const rows: { ambassador_id: string; released: boolean }[] = await em.query(
      `SELECT ambassador_id, released_at IS NOT NULL AS released
         FROM ambassador_capacity_reservations WHERE organization_id = $1 AND reference = $2`,
      [organizationId, reference],
    );
    const r = rows[0];
    return r ? { ambassadorId: r.ambassador_id, released: r.released } : null;
  }

  async dropClaim(em: EntityManager, organizationId: string, reference: string): Promise<void> {
    await em.query(
      'DELETE FROM ambassador_capacity_reservations WHERE organization_id = $1 AND reference = $2',
      [organizationId, reference],
    );
  }

  /**
   * Takes one slot of the week, or nothing: one statement, and the counter row's lock
   * serializes concurrent callers, each re-checking `used < capacity` against the latest row.
   */
  async takeSlot(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    isoWeek: string,
    capacity: number,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO ambassador_capacity_weeks AS w (organization_id, ambassador_id, iso_week, capacity, used)
       SELECT $1, $2, $3, $4, 1 WHERE $4::int > 0
       ON CONFLICT (ambassador_id, iso_week) DO UPDATE
          SET used = w.used + 1, capacity = EXCLUDED.capacity, updated_at = now()
        WHERE w.used < EXCLUDED.capacity
       RETURNING w.used`,
      [organizationId, ambassadorId, isoWeek, capacity],
    );
    return rows.length === 1;
  }

  /** Releases the reference's slot once: the reservation row flips first, under its own lock. */
  async release(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    reference: string,
  ): Promise<boolean> {
    const rows: { n: number }[] = await em.query(
      `WITH released AS (
         UPDATE ambassador_capacity_reservations SET released_at = now()
          WHERE organization_id = $1 AND reference = $3 AND ambassador_id = $2
            AND released_at IS NULL
         RETURNING ambassador_id, iso_week
       ), freed AS (
         UPDATE ambassador_capacity_weeks w SET used = w.used - 1, updated_at = now()
           FROM released r
          WHERE w.ambassador_id = r.ambassador_id AND w.iso_week = r.iso_week AND w.used > 0
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM released`,
      [organizationId, ambassadorId, reference],
    );
    return (rows[0]?.n ?? 0) === 1;
  }

  // ---- stored UTC offsets (all organizations) ----------------------------------------------

  /**
   * Every time zone in use with the offsets stored for it. Across organizations on purpose:
   * an offset is a fact about the zone, not the tenant, and the refresh job runs for all.
   */
  async listZoneOffsets(em: EntityManager): Promise<{ timeZone: string; offsets: number[] }[]> {
    const rows: { time_zone: string; offsets: number[] }[] = await em.query(
      `SELECT time_zone, array_agg(DISTINCT utc_offset_minutes) AS offsets
         FROM ambassadors GROUP BY time_zone`,
    );
    return rows.map((r) => ({ timeZone: r.time_zone, offsets: r.offsets }));
  }

  /**
   * Sets the zone's offset where it differs; returns how many profiles moved. updated_at stays:
   * nobody edited these profiles, the clocks moved.
   */
  async setZoneOffset(em: EntityManager, timeZone: string, offsetMinutes: number): Promise<number> {
    const rows: { n: number }[] = await em.query(
      `WITH moved AS (
         UPDATE ambassadors SET utc_offset_minutes = $2
          WHERE time_zone = $1 AND utc_offset_minutes <> $2
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM moved`,
      [timeZone, offsetMinutes],
    );
    return rows[0]?.n ?? 0;
  }

  // ---- benchmark data -----------------------------------------------------------------------

  /**
   * Inserts `count` synthetic ambassadors numbered from `start`, each with a passwordless user
   * (identity offers no bulk creation, and argon2 for 100k users would take half an hour; these
   * users cannot log in). Attributes are derived from hashes of the number: varied, repeatable.
   */
  async insertSynthetic(
    em: EntityManager,
    organizationId: string,
    start: number,
    count: number,
  ): Promise<void> {
    await em.query(
      `WITH gen AS (
         SELECT i,
                abs(hashtext('a:' || i)::bigint) AS h1, abs(hashtext('b:' || i)::bigint) AS h2,
                abs(hashtext('c:' || i)::bigint) AS h3, abs(hashtext('d:' || i)::bigint) AS hx
           FROM generate_series($2::int, $2::int + $3::int - 1) AS i
       ), picked AS (
         SELECT g.i, g.hx,
                ($4::text[])[1 + g.i % cardinality($4::text[])] || ' ' ||
                  ($5::text[])[1 + (g.i / cardinality($4::text[])) % cardinality($5::text[])]
                  AS display_name,
                ($6::text[])[1 + g.h1 % cardinality($6::text[])] AS t1,
                ($6::text[])[1 + g.h2 % cardinality($6::text[])] AS t2,
                ($6::text[])[1 + g.h3 % cardinality($6::text[])] AS t3,
                1 + g.hx % cardinality($7::text[]) AS team_ix,
                ($9::text[])[1 + (g.hx / 11) % cardinality($9::text[])] AS level,
                ($10::text[])[1 + (g.hx / 13) % cardinality($10::text[])] AS language,
                1 + (g.hx / 7) % cardinality($11::text[]) AS zone_ix
           FROM gen g
       ), u AS (
         INSERT INTO users (organization_id, email, name, roles)
         SELECT $1, 'synthetic-' || p.i || '@synthetic.test', p.display_name,
                ARRAY['ambassador', 'employee']
           FROM picked p
         ON CONFLICT (organization_id, email) DO NOTHING
         RETURNING id, email
       )
       INSERT INTO ambassadors (organization_id, user_id, display_name, title, team, department,
              level, location, time_zone, utc_offset_minutes, languages, topics, bio, prompts,
              status, returns_on, weekly_capacity, capacity_is_default)
       SELECT $1, u.id, p.display_name, p.level || ' Software Engineer',
              ($7::text[])[p.team_ix], ($8::text[])[p.team_ix], p.level,
              replace(split_part(($11::text[])[p.zone_ix], '/', 2), '_', ' '),
              ($11::text[])[p.zone_ix], ($12::int[])[p.zone_ix],
              ARRAY['en', p.language],
              ARRAY(SELECT DISTINCT unnest(ARRAY[p.t1, p.t2, p.t3])),
              'I work on ' || p.t1 || ' and ' || p.t2 || ' in the ' || ($7::text[])[p.team_ix] ||
                ' team. Ask me about ' || p.t3 || ', career growth and how we ship.',
              ARRAY['How we run ' || p.t1 || ' in production', 'Getting started with ' || p.t2],
              CASE WHEN p.hx % 50 = 0 THEN 'paused' WHEN p.hx % 33 = 1 THEN 'away' ELSE 'active' END,
              CASE WHEN p.hx % 50 <> 0 AND p.hx % 33 = 1 THEN current_date + 1 + (p.hx % 30)::int END,
              (p.hx / 17) % 7, false
         FROM u JOIN picked p ON u.email = 'synthetic-' || p.i || '@synthetic.test'`,
      [organizationId, start, count, ...syntheticVocabulary()],
    );
  }

  /**
   * After a bulk load: VACUUM merges the GIN indexes' pending lists (a scan reads them in full,
   * which made topic filters several times slower), ANALYZE gives the planner real numbers;
   * users is included because the directory joins it and just grew by the same count.
   * Runs outside a transaction (VACUUM cannot run inside one).
   */
  async vacuumAnalyze(em: EntityManager): Promise<void> {
    await em.query('VACUUM (ANALYZE) ambassadors');
    await em.query('ANALYZE users');
  }
}
