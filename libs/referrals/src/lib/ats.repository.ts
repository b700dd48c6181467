import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AtsProvider } from './ats';

/**
 * How long a Lever token is remembered: far longer than the ±5 minute window in which its signed
 * `triggeredAt` is accepted (DEFAULT_LEVER_TOLERANCE_MS), after which a replay is refused as stale.
 */
export const REPLAY_TOKEN_RETENTION_SECONDS = 3600;

/** A hire the ATS reported, with whom it credited and the referral it matched (if any). */
export interface AtsHireRecord {
  id: string;
  atsApplicationId: string | null;
  atsJobId: string | null;
  referralId: string | null;
  referrer: { id: string; name: string } | null;
  startDate: string | null;
  hiredAt: Date;
  unhiredAt: Date | null;
  creditedToMismatch: boolean;
  creditedTo: { name: string | null; email: string | null } | null;
}

interface AtsHireRow {
  id: string;
  ats_application_id: string | null;
  ats_job_id: string | null;
  referral_id: string | null;
  start_date: string | null;
  hired_at: Date;
  unhired_at: Date | null;
  credited_to_mismatch: boolean;
  credited_to_name: string | null;
  credited_to_email: string | null;
  referrer_id: string | null;
  referrer_name: string | null;
}

export interface ConnectionRecord {
  id: string;
  organizationId: string;
  provider: AtsProvider;
  name: string;
  secretEncrypted: string;
  receivedCount: number;
  processedCount: number;
  failedCount: number;
  lastError: string | null;
  lastReceivedAt: Date | null;
  pushBaseUrl: string | null;
  createdAt: Date;
}

export type AtsEventStatus = 'received' | 'processed' | 'ignored' | 'failed';

export interface AtsEventRecord {
  id: string;
  organizationId: string;
  connectionId: string;
  provider: AtsProvider;
  eventId: string;
  eventType: string;
  rawBody: string;
  status: AtsEventStatus;
  error: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

interface ConnectionRow {
  id: string;
  organization_id: string;
  provider: AtsProvider;
  name: string;
  secret_encrypted: string;
  received_count: string;
  processed_count: string;
  failed_count: string;
  last_error: string | null;
  last_received_at: Date | null;
  push_base_url: string | null;
  created_at: Date;
}

function toConnection(r: ConnectionRow): ConnectionRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    provider: r.provider,
    name: r.name,
    secretEncrypted: r.secret_encrypted,
    receivedCount: Number(r.received_count),
    processedCount: Number(r.processed_count),
    failedCount: Number(r.failed_count),
    lastError: r.last_error,
    lastReceivedAt: r.last_received_at,
    pushBaseUrl: r.push_base_url,
    createdAt: r.created_at,
  };
}

interface EventRow {
  id: string;
  organization_id: string;
  connection_id: string;
  provider: AtsProvider;
  event_id: string;
  event_type: string;
  raw_body: string;
  status: AtsEventStatus;
  error: string | null;
  received_at: Date;
  processed_at: Date | null;
}

function toEvent(r: EventRow): AtsEventRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    connectionId: r.connection_id,
    provider: r.provider,
    eventId: r.event_id,
    eventType: r.event_type,
    rawBody: r.raw_body,
    status: r.status,
    error: r.error,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
  };
}

/** A referral as the ATS processing finds it. */
export interface MatchedReferral {
  id: string;
  organizationId: string;
  status: string;
  referrerId: string;
  referrerEmail: string;
  creditStatus: string | null;
}

/**
 * SQL of the ATS side: connections, raw inbound events, Lever replay tokens, applications and
 * hires seen in the ATS, and the referral fields the ATS drives (ids, status, hire facts).
 * ATS candidate ids are stored qualified by the connection (`<connection id>:<ats id>`): two
 * ATSs hand out the same small numbers.
 */
@Injectable()
export class AtsRepository {
  async insertConnection(
    tx: EntityManager,
    organizationId: string,
    input: {
      provider: AtsProvider;
      name: string;
      secretEncrypted: string;
      createdBy: string | null;
    },
  ): Promise<ConnectionRecord> {
    const rows = await tx.query<ConnectionRow[]>(
      `INSERT INTO ats_connections (organization_id, provider, name, secret_encrypted, created_by)
       VALUES ($1, $2, $3, $4, $5::uuid) RETURNING *`,
      [organizationId, input.provider, input.name, input.secretEncrypted, input.createdBy],
    );
    const r = rows[0];
    if (!r) throw new Error('connection insert returned nothing');
    return toConnection(r);
  }

  async connections(em: EntityManager, organizationId: string): Promise<ConnectionRecord[]> {
    const rows = await em.query<ConnectionRow[]>(
      `SELECT * FROM ats_connections WHERE organization_id = $1 ORDER BY created_at, id`,
      [organizationId],
    );
    return rows.map(toConnection);
  }

  async connection(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ConnectionRecord | null> {
    const rows = await em.query<ConnectionRow[]>(
      `SELECT * FROM ats_connections WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return rows[0] ? toConnection(rows[0]) : null;
  }

  /** The webhook URL names the connection only; the signature proves the sender. */
  async connectionForWebhook(em: EntityManager, id: string): Promise<ConnectionRecord | null> {
    const rows = await em.query<ConnectionRow[]>(`SELECT * FROM ats_connections WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toConnection(rows[0]) : null;
  }

  /**
   * False when the token was seen before on this connection (a Lever replay). Tokens only need
   * keeping while their signed `triggeredAt` is inside the accepted window (±5 minutes): older
   * ones of the connection are dropped here, so the table holds about an hour of deliveries.
   */
  async useReplayToken(tx: EntityManager, connectionId: string, token: string): Promise<boolean> {
    const rows = await tx.query<{ token: string }[]>(
      `INSERT INTO ats_replay_tokens (connection_id, token) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING token`,
      [connectionId, token],
    );
    await tx.query(
      `DELETE FROM ats_replay_tokens
        WHERE connection_id = $1 AND seen_at < now() - make_interval(secs => $2)`,
      [connectionId, REPLAY_TOKEN_RETENTION_SECONDS],
    );
    return rows.length === 1;
  }

  /** Stores the raw event once per (connection, event id); null for a replay. */
  async insertEvent(
    tx: EntityManager,
    c: ConnectionRecord,
    input: { eventId: string; eventType: string; rawBody: string },
  ): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO ats_events (organization_id, connection_id, provider, event_id, event_type, raw_body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (connection_id, event_id) DO NOTHING
       RETURNING id`,
      [c.organizationId, c.id, c.provider, input.eventId, input.eventType, input.rawBody],
    );
    const id = rows[0]?.id ?? null;
    if (id) {
      await tx.query(
        `UPDATE ats_connections SET received_count = received_count + 1, last_received_at = now(),
                updated_at = now() WHERE id = $1`,
        [c.id],
      );
    }
    return id;
  }

  async events(
    em: EntityManager,
    organizationId: string,
    connectionId: string,
    take: number,
  ): Promise<AtsEventRecord[]> {
    const rows = await em.query<EventRow[]>(
      `SELECT * FROM ats_events WHERE organization_id = $1 AND connection_id = $2
        ORDER BY received_at DESC, id DESC LIMIT $3`,
      [organizationId, connectionId, take],
    );
    return rows.map(toEvent);
  }

  /** Hires the connection reported, newest first; only those HR must look at when asked. */
  async hires(
    em: EntityManager,
    organizationId: string,
    connectionId: string,
    onlyMismatches: boolean,
    take: number,
  ): Promise<AtsHireRecord[]> {
    const rows = await em.query<AtsHireRow[]>(
      `SELECT h.id, h.ats_application_id, h.ats_job_id, h.referral_id, h.start_date::text AS start_date,
              h.hired_at, h.unhired_at, h.credited_to_mismatch, h.credited_to_name, h.credited_to_email,
              r.referrer_id, u.name AS referrer_name
         FROM ats_hires h
         LEFT JOIN referrals r ON r.organization_id = h.organization_id AND r.id = h.referral_id
         LEFT JOIN users u ON u.organization_id = r.organization_id AND u.id = r.referrer_id
        WHERE h.organization_id = $1 AND h.connection_id = $2
          AND (NOT $3::boolean OR h.credited_to_mismatch)
        ORDER BY h.hired_at DESC, h.id DESC LIMIT $4`,
      [organizationId, connectionId, onlyMismatches, take],
    );
    return rows.map((r) => ({
      id: r.id,
      atsApplicationId: r.ats_application_id,
      atsJobId: r.ats_job_id,
      referralId: r.referral_id,
      referrer: r.referrer_id ? { id: r.referrer_id, name: r.referrer_name ?? '' } : null,
      startDate: r.start_date,
      hiredAt: r.hired_at,
      unhiredAt: r.unhired_at,
      creditedToMismatch: r.credited_to_mismatch,
      creditedTo:
        r.credited_to_name !== null || r.credited_to_email !== null
          ? { name: r.credited_to_name, email: r.credited_to_email }
          : null,
    }));
  }

  async lockEvent(tx: EntityManager, id: string): Promise<AtsEventRecord | null> {
    const rows = await tx.query<EventRow[]>(`SELECT * FROM ats_events WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ? toEvent(rows[0]) : null;
  }

  async finishEvent(
    tx: EntityManager,
    event: AtsEventRecord,
    status: Exclude<AtsEventStatus, 'received'>,
    normalized: unknown,
    error: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE ats_events SET status = $2, normalized = $3::jsonb, error = $4, processed_at = now()
        WHERE id = $1`,
      [event.id, status, JSON.stringify(normalized), error],
    );
    await tx.query(
      `UPDATE ats_connections
          SET processed_count = processed_count + CASE WHEN $2 = 'failed' THEN 0 ELSE 1 END,
              failed_count = failed_count + CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END,
              last_error = CASE WHEN $2 = 'failed' THEN $3 ELSE last_error END,
              updated_at = now()
        WHERE id = $1`,
      [event.connectionId, status, error],
    );
  }

  /** A processing attempt failed (it will be retried): visible in the event list and health. */
  async recordAttemptFailure(em: EntityManager, eventId: string, error: string): Promise<void> {
    await em.query(
      `WITH e AS (
         UPDATE ats_events SET error = $2 WHERE id = $1 AND status = 'received'
         RETURNING connection_id
       )
       UPDATE ats_connections c SET last_error = $2, updated_at = now() FROM e WHERE c.id = e.connection_id`,
      [eventId, error],
    );
  }

  // ---- applications, hires, matching --------------------------------------------------------

  async upsertApplication(
    tx: EntityManager,
    c: ConnectionRecord,
    a: {
      applicationId: string;
      candidateId: string | null;
      atsJobId: string | null;
      email: string | null;
      referralId: string | null;
      appliedAt: Date;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ats_applications (organization_id, connection_id, ats_application_id,
           ats_candidate_id, ats_job_id, candidate_email, referral_id, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid, $8)
       ON CONFLICT (connection_id, ats_application_id) DO UPDATE
          SET ats_candidate_id = coalesce(EXCLUDED.ats_candidate_id, ats_applications.ats_candidate_id),
              candidate_email = coalesce(EXCLUDED.candidate_email, ats_applications.candidate_email),
              referral_id = coalesce(EXCLUDED.referral_id, ats_applications.referral_id)`,
      [
        c.organizationId,
        c.id,
        a.applicationId,
        a.candidateId,
        a.atsJobId,
        a.email,
        a.referralId,
        a.appliedAt,
      ],
    );
  }

  /**
   * The referral an ATS event concerns: by ATS application id, then candidate id, then (for a
   * consented referral without ATS ids yet) by the candidate's e-mail for the same job.
   */
  async matchReferral(
    tx: EntityManager,
    organizationId: string,
    keys: {
      applicationId: string | null;
      candidateId: string | null;
      emails: string[];
      atsJobId: string | null;
    },
  ): Promise<MatchedReferral | null> {
    const rows = await tx.query<
      {
        id: string;
        organization_id: string;
        status: string;
        referrer_id: string;
        referrer_email: string;
        credit_status: string | null;
      }[]
    >(
      `SELECT r.id, r.organization_id, r.status, r.referrer_id, u.email AS referrer_email, r.credit_status
         FROM referrals r
         JOIN users u ON u.organization_id = r.organization_id AND u.id = r.referrer_id
         LEFT JOIN jobs j ON j.organization_id = r.organization_id AND j.id = r.job_id
        WHERE r.organization_id = $1 AND r.consented_at IS NOT NULL
          AND (
            ($2::text IS NOT NULL AND r.ats_application_id = $2)
            OR ($3::text IS NOT NULL AND r.ats_candidate_id = $3)
            OR (r.ats_application_id IS NULL AND r.candidate_email = ANY($4::text[])
                AND ($5::text IS NULL OR j.ats_job_id IS NULL OR j.ats_job_id = $5))
          )
        ORDER BY (r.ats_application_id = $2) DESC NULLS LAST, (r.ats_candidate_id = $3) DESC NULLS LAST,
                 (r.credit_status = 'credited') DESC NULLS LAST, r.submitted_at
        LIMIT 1
        FOR UPDATE OF r`,
      [organizationId, keys.applicationId, keys.candidateId, keys.emails, keys.atsJobId],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          organizationId: r.organization_id,
          status: r.status,
          referrerId: r.referrer_id,
          referrerEmail: r.referrer_email,
          creditStatus: r.credit_status,
        }
      : null;
  }

  async linkReferral(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
    ids: { applicationId: string | null; candidateId: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE referrals SET ats_application_id = coalesce(ats_application_id, $3),
              ats_candidate_id = coalesce($4, ats_candidate_id), updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, referralId, ids.applicationId, ids.candidateId],
    );
  }

  /** Records a hire once per application; false when it was recorded before (a replay). */
  async recordHire(
    tx: EntityManager,
    c: ConnectionRecord,
    h: {
      applicationId: string | null;
      candidateId: string | null;
      atsJobId: string | null;
      referralId: string | null;
      startDate: string | null;
      creditedToMismatch: boolean;
      creditedTo: { name: string | null; email: string | null } | null;
    },
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO ats_hires (organization_id, connection_id, ats_application_id, ats_candidate_id,
           ats_job_id, referral_id, start_date, credited_to_mismatch, credited_to_name,
           credited_to_email)
       VALUES ($1, $2, $3, $4, $5, $6::uuid, $7::date, $8, $9, $10)
       ON CONFLICT (organization_id, connection_id, ats_application_id) WHERE ats_application_id IS NOT NULL
       DO UPDATE SET unhired_at = NULL, start_date = coalesce(EXCLUDED.start_date, ats_hires.start_date)
         WHERE ats_hires.unhired_at IS NOT NULL
       RETURNING id`,
      [
        c.organizationId,
        c.id,
        h.applicationId,
        h.candidateId,
        h.atsJobId,
        h.referralId,
        h.startDate,
        h.creditedToMismatch,
        h.creditedTo?.name ?? null,
        h.creditedTo?.email ?? null,
      ],
    );
    return rows.length === 1;
  }

  async recordUnhire(
    tx: EntityManager,
    c: ConnectionRecord,
    applicationId: string | null,
    candidateId: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE ats_hires SET unhired_at = now()
        WHERE organization_id = $1 AND connection_id = $2 AND unhired_at IS NULL
          AND (ats_application_id = $3 OR ($3::text IS NULL AND ats_candidate_id = $4))`,
      [c.organizationId, c.id, applicationId, candidateId],
    );
  }

  async setHireFacts(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
    facts: { hired: boolean; startDate: string | null },
  ): Promise<void> {
    await tx.query(
      facts.hired
        ? `UPDATE referrals SET hired_at = coalesce(hired_at, now()), start_date = coalesce($3::date, start_date),
                  unhired_at = NULL, updated_at = now() WHERE organization_id = $1 AND id = $2`
        : `UPDATE referrals SET unhired_at = now(), updated_at = now() WHERE organization_id = $1 AND id = $2`,
      facts.hired ? [organizationId, referralId, facts.startDate] : [organizationId, referralId],
    );
  }

  /** A merge in the ATS: every reference to the old candidate ids now names the surviving one. */
  async rekeyCandidate(
    tx: EntityManager,
    organizationId: string,
    from: string[],
    to: string,
  ): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(
      `WITH r AS (
         UPDATE referrals SET ats_candidate_id = $3, updated_at = now()
          WHERE organization_id = $1 AND ats_candidate_id = ANY($2::text[])
         RETURNING 1
       ), a AS (
         UPDATE ats_applications SET ats_candidate_id = $3
          WHERE organization_id = $1 AND ats_candidate_id = ANY($2::text[])
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM r)::int AS n`,
      [organizationId, from, to],
    );
    return rows[0]?.n ?? 0;
  }

  /** The ATS anonymized or deleted the candidate: their personal data leaves our copies too. */
  async anonymizeCandidate(
    tx: EntityManager,
    organizationId: string,
    candidateId: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE referrals SET candidate_name = 'Anonymized candidate', candidate_links = '{}',
              candidate_email = 'anonymized+' || id || '@invalid', updated_at = now()
        WHERE organization_id = $1 AND ats_candidate_id = $2`,
      [organizationId, candidateId],
    );
    await tx.query(
      `UPDATE ats_applications SET candidate_email = NULL
        WHERE organization_id = $1 AND ats_candidate_id = $2`,
      [organizationId, candidateId],
    );
  }

  async upsertJob(
    tx: EntityManager,
    organizationId: string,
    job: {
      atsJobId: string;
      title: string;
      department: string | null;
      location: string | null;
      open: boolean;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO jobs (organization_id, title, department, location, ats_job_id, status)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, ats_job_id) WHERE ats_job_id IS NOT NULL DO UPDATE
          SET title = EXCLUDED.title, department = coalesce(EXCLUDED.department, jobs.department),
              location = coalesce(EXCLUDED.location, jobs.location), status = EXCLUDED.status,
              updated_at = now()`,
      [
        organizationId,
        job.title.slice(0, 200),
        job.department,
        job.location,
        job.atsJobId,
        job.open ? 'open' : 'closed',
      ],
    );
  }

  // ---- outbound push -----------------------------------------------------------------------

  async setPushConfig(
    tx: EntityManager,
    organizationId: string,
    id: string,
    sealed: string,
    baseUrl: string,
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH configured AS (
         UPDATE ats_connections SET push_config_encrypted = $3, push_base_url = $4, updated_at = now()
          WHERE organization_id = $1 AND id = $2
         RETURNING id
       )
       SELECT id FROM configured`,
      [organizationId, id, sealed, baseUrl],
    );
    return rows.length === 1;
  }

  /** The organization's connection that pushes referrals (the oldest, when several do). */
  async pushConnection(
    em: EntityManager,
    organizationId: string,
  ): Promise<(ConnectionRecord & { pushConfigEncrypted: string }) | null> {
    const rows = await em.query<(ConnectionRow & { push_config_encrypted: string })[]>(
      `SELECT * FROM ats_connections WHERE organization_id = $1 AND push_config_encrypted IS NOT NULL
        ORDER BY created_at, id LIMIT 1`,
      [organizationId],
    );
    const r = rows[0];
    return r ? { ...toConnection(r), pushConfigEncrypted: r.push_config_encrypted } : null;
  }

  async pushBaseUrl(em: EntityManager, connectionId: string): Promise<string | null> {
    const rows = await em.query<{ push_base_url: string | null }[]>(
      `SELECT push_base_url FROM ats_connections WHERE id = $1`,
      [connectionId],
    );
    return rows[0]?.push_base_url ?? null;
  }

  /** What the push needs: the referral, its job's ATS id and the referrer. */
  async referralForPush(
    tx: EntityManager,
    referralId: string,
  ): Promise<{
    organizationId: string;
    id: string;
    creditStatus: string | null;
    pushedAt: Date | null;
    candidateName: string;
    candidateEmail: string;
    candidateLinks: string[];
    statement: string;
    atsJobId: string | null;
    jobTitle: string;
    referrerEmail: string;
    referrerName: string;
  } | null> {
    const rows = await tx.query<
      {
        organization_id: string;
        id: string;
        credit_status: string | null;
        pushed_at: Date | null;
        candidate_name: string;
        candidate_email: string;
        candidate_links: string[];
        statement: string;
        ats_job_id: string | null;
        job_title: string;
        referrer_email: string;
        referrer_name: string;
      }[]
    >(
      `SELECT r.organization_id, r.id, r.credit_status, r.pushed_at, r.candidate_name, r.candidate_email,
              r.candidate_links, r.endorsement->>'statement' AS statement, j.ats_job_id, j.title AS job_title,
              u.email AS referrer_email, u.name AS referrer_name
         FROM referrals r
         JOIN jobs j ON j.organization_id = r.organization_id AND j.id = r.job_id
         JOIN users u ON u.organization_id = r.organization_id AND u.id = r.referrer_id
        WHERE r.id = $1
        FOR UPDATE OF r`,
      [referralId],
    );
    const r = rows[0];
    return r
      ? {
          organizationId: r.organization_id,
          id: r.id,
          creditStatus: r.credit_status,
          pushedAt: r.pushed_at,
          candidateName: r.candidate_name,
          candidateEmail: r.candidate_email,
          candidateLinks: r.candidate_links,
          statement: r.statement,
          atsJobId: r.ats_job_id,
          jobTitle: r.job_title,
          referrerEmail: r.referrer_email,
          referrerName: r.referrer_name,
        }
      : null;
  }

  async recordPush(
    tx: EntityManager,
    referralId: string,
    result: {
      connectionId: string;
      candidateId: string | null;
      applicationId: string | null;
      error: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE referrals
          SET pushed_at = CASE WHEN $5::text IS NULL THEN now() ELSE pushed_at END,
              push_connection_id = $2, push_error = $5,
              ats_candidate_id = coalesce(ats_candidate_id, $3), ats_application_id = coalesce(ats_application_id, $4),
              updated_at = now()
        WHERE id = $1`,
      [referralId, result.connectionId, result.candidateId, result.applicationId, result.error],
    );
  }

  // ---- conversions --------------------------------------------------------------------------

  async recordConversion(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
  ): Promise<boolean> {
    const rows = await tx.query<{ referral_id: string }[]>(
      `INSERT INTO referral_conversions (referral_id, organization_id, chat_request_id, referral_type,
           referred_at, hired_at, start_date)
       SELECT r.id, r.organization_id, r.chat_request_id, r.type, coalesce(r.submitted_at, r.created_at),
              coalesce(r.hired_at, now()), r.start_date
         FROM referrals r WHERE r.organization_id = $1 AND r.id = $2 AND r.hired_at IS NOT NULL
       ON CONFLICT (referral_id) DO UPDATE SET reversed_at = NULL, hired_at = EXCLUDED.hired_at
         WHERE referral_conversions.reversed_at IS NOT NULL
       RETURNING referral_id`,
      [organizationId, referralId],
    );
    return rows.length === 1;
  }

  async reverseConversion(tx: EntityManager, referralId: string): Promise<void> {
    await tx.query(
      `UPDATE referral_conversions SET reversed_at = now() WHERE referral_id = $1 AND reversed_at IS NULL`,
      [referralId],
    );
  }

  async organizationOfReferral(em: EntityManager, referralId: string): Promise<string | null> {
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM referrals WHERE id = $1`,
      [referralId],
    );
    return rows[0]?.organization_id ?? null;
  }
}
