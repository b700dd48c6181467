import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REQUEST_COLUMNS, REQUEST_FROM, toRecord, type RequestRow } from './chat-request.rows';
import type { HistoryActor } from './chat-request.states';
import type { ChatOutcome, ChatRequestRecord } from './chat-request.types';
import type { TriageLinkClaims } from './triage-links.util';

/** An ambassador as triage needs them: their own profile, even when paused. */
export interface TriageAmbassador {
  id: string;
  userId: string;
  displayName: string;
  timeZone: string;
  email: string;
  /** The user is active and still holds the ambassador role. */
  active: boolean;
  /** Away today (organization time zone). */
  away: boolean;
}

export type FeedbackSide = 'requester' | 'ambassador';

export interface FeedbackEntry {
  side: FeedbackSide;
  rating: number;
  note: string | null;
  at: Date;
}

export interface SlaDue {
  organizationId: string;
  id: string;
}

const TRIAGE_AMBASSADOR = `a.id, a.user_id, a.display_name, a.time_zone, u.email,
  (u.is_active AND 'ambassador' = ANY (u.roles)) AS active,
  (a.status = 'away' AND a.returns_on > (now() AT TIME ZONE
    (SELECT o.time_zone FROM organizations o WHERE o.id = a.organization_id))::date) AS away`;
const TRIAGE_AMBASSADOR_FROM = `ambassadors a
  JOIN users u ON u.organization_id = a.organization_id AND u.id = a.user_id`;

interface TriageAmbassadorRow {
  id: string;
  user_id: string;
  display_name: string;
  time_zone: string;
  email: string;
  active: boolean;
  away: boolean;
}

function toTriageAmbassador(r: TriageAmbassadorRow): TriageAmbassador {
  return {
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    timeZone: r.time_zone,
    email: r.email,
    active: r.active,
    away: r.away,
  };
}

// A delivered request is due when its next reminder or its answer-by date has come.
const SLA_DUE = `r.status = 'delivered'
  AND (r.next_reminder_at <= $NOW::timestamptz OR r.respond_by <= $NOW::timestamptz)`;

/**
 * SQL of the triage and lifecycle: the ambassador's own requests, one-click link uses, feedback,
 * introductions and the service-level sweep. Every method is scoped by organization, except the
 * sweep's scan, which returns organization ids for the per-request transactions.
 */
@Injectable()
export class TriageRepository {
  async ambassadorOfUser(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<TriageAmbassador | null> {
    const rows = await em.query<TriageAmbassadorRow[]>(
      `SELECT ${TRIAGE_AMBASSADOR} FROM ${TRIAGE_AMBASSADOR_FROM}
        WHERE a.organization_id = $1 AND a.user_id = $2`,
      [organizationId, userId],
    );
    return rows[0] ? toTriageAmbassador(rows[0]) : null;
  }

  async ambassador(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
  ): Promise<TriageAmbassador | null> {
    const rows = await em.query<TriageAmbassadorRow[]>(
      `SELECT ${TRIAGE_AMBASSADOR} FROM ${TRIAGE_AMBASSADOR_FROM}
        WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, ambassadorId],
    );
    return rows[0] ? toTriageAmbassador(rows[0]) : null;
  }

  /** A request addressed to this ambassador, or null (someone else's is the same null). */
  async findForAmbassador(
    em: EntityManager,
    organizationId: string,
    requestId: string,
    ambassadorId: string,
    options: { lock?: boolean } = {},
  ): Promise<ChatRequestRecord | null> {
    const rows = await em.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM}
        WHERE r.organization_id = $1 AND r.id = $2 AND r.ambassador_id = $3
        ${options.lock ? 'FOR UPDATE OF r' : ''}`,
      [organizationId, requestId, ambassadorId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * The ambassador's accepted and scheduled chats: scheduled ones by start time, accepted ones
   * (no time yet) by when they were accepted; keyset over (that time, id).
   */
  async chatsOf(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    statuses: readonly string[],
    after: { at: string; id: string } | null,
    take: number,
  ): Promise<{ request: ChatRequestRecord; cursorAt: string }[]> {
    const rows = await em.query<(RequestRow & { cursor_at: string })[]>(
      `SELECT * FROM (
         SELECT ${REQUEST_COLUMNS}, coalesce(r.starts_at, r.accepted_at, r.updated_at)::text AS cursor_at,
                coalesce(r.starts_at, r.accepted_at, r.updated_at) AS sort_at
           FROM ${REQUEST_FROM}
          WHERE r.organization_id = $1 AND r.ambassador_id = $2 AND r.status = ANY($3::text[])
       ) AS chats
       WHERE ($4::timestamptz IS NULL OR (sort_at, id) > ($4::timestamptz, $5::uuid))
       ORDER BY sort_at, id
       LIMIT $6`,
      [organizationId, ambassadorId, statuses, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({ request: toRecord(r), cursorAt: r.cursor_at }));
  }

  async organization(
    em: EntityManager,
    organizationId: string,
  ): Promise<{ slug: string; name: string } | null> {
    const rows = await em.query<{ slug: string; name: string }[]>(
      `SELECT slug, name FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return rows[0] ?? null;
  }

  /** Marks a one-click link set used; false when it was used before (or by a parallel click). */
  async useLink(tx: EntityManager, claims: TriageLinkClaims): Promise<boolean> {
    const rows = await tx.query<{ link_id: string }[]>(
      `INSERT INTO triage_link_uses (link_id, organization_id, request_id, ambassador_id, action)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (link_id) DO NOTHING
       RETURNING link_id`,
      [claims.linkId, claims.organizationId, claims.requestId, claims.ambassadorId, claims.action],
    );
    return rows.length === 1;
  }

  async linkUse(
    em: EntityManager,
    linkId: string,
  ): Promise<{ action: string; usedAt: Date } | null> {
    const rows = await em.query<{ action: string; used_at: Date }[]>(
      `SELECT action, used_at FROM triage_link_uses WHERE link_id = $1`,
      [linkId],
    );
    const r = rows[0];
    return r ? { action: r.action, usedAt: r.used_at } : null;
  }

  /** Once per side; false when that side has rated already. */
  async insertFeedback(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    entry: { side: FeedbackSide; rating: number; note: string | null },
  ): Promise<boolean> {
    const rows = await tx.query<{ side: string }[]>(
      `INSERT INTO chat_feedback (organization_id, request_id, side, rating, note)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (request_id, side) DO NOTHING
       RETURNING side`,
      [organizationId, requestId, entry.side, entry.rating, entry.note],
    );
    return rows.length === 1;
  }

  async feedback(
    em: EntityManager,
    organizationId: string,
    requestId: string,
  ): Promise<FeedbackEntry[]> {
    const rows = await em.query<
      { side: FeedbackSide; rating: number; note: string | null; created_at: Date }[]
    >(
      `SELECT side, rating, note, created_at FROM chat_feedback
        WHERE organization_id = $1 AND request_id = $2 ORDER BY side`,
      [organizationId, requestId],
    );
    return rows.map((r) => ({ side: r.side, rating: r.rating, note: r.note, at: r.created_at }));
  }

  /** The ambassador's outcome of a finished chat, recorded once. */
  async setOutcome(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    outcome: ChatOutcome,
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH updated AS (
         UPDATE chat_requests SET outcome = $3, updated_at = now()
          WHERE organization_id = $1 AND id = $2 AND outcome IS NULL
         RETURNING id
       )
       SELECT id FROM updated`,
      [organizationId, requestId, outcome],
    );
    return rows.length === 1;
  }

  /**
   * "Who else should I talk to?": a new request from the same requester, with the same text, to
   * the colleague, already delivered (it skips screening; the introducing ambassador vouches).
   * It starts delivered with its first history row; the caller reserves the colleague's slot.
   */
  async insertIntroduction(
    tx: EntityManager,
    source: ChatRequestRecord,
    input: {
      toAmbassadorId: string;
      note: string | null;
      actor: HistoryActor;
      verificationTokenHash: string;
      respondBy: Date;
      nextReminderAt: Date;
    },
  ): Promise<string> {
    const actorId =
      input.actor.type === 'user' || input.actor.type === 'api_key' ? input.actor.id : null;
    const rows = await tx.query<{ id: string }[]>(
      `WITH created AS (
         INSERT INTO chat_requests (organization_id, requester_id, requested_ambassador_id,
             ambassador_id, routing_topic, route_if_full, status, status_reason, requester_name,
             links, ask, value_proposition, topics, job_id, preferred_times, consent_at,
             client_ip_hash, verification_token_hash, verification_expires_at, verified_at,
             screening_outcome, screening_reasons, screening_coaching, screening_score,
             screened_at, delivered_at, respond_by, next_reminder_at, introduced_from_request_id,
             capacity_reference)
         SELECT s.organization_id, s.requester_id, $3, $3, s.routing_topic, false, 'delivered',
                'introduced', s.requester_name, s.links, s.ask, s.value_proposition, s.topics,
                s.job_id, '{}', s.consent_at, s.client_ip_hash, $4, now(), s.verified_at,
                'passed', '[]'::jsonb, '[]'::jsonb, s.screening_score, now(), now(), $5, $6,
                s.id, NULL
           FROM chat_requests s WHERE s.organization_id = $1 AND s.id = $2
         RETURNING id, organization_id
       ), history AS (
         INSERT INTO chat_request_history (organization_id, request_id, from_status, to_status, actor_type, actor_id, reason)
         SELECT organization_id, id, NULL, 'delivered', $7, $8::uuid, $9 FROM created
       )
       SELECT id FROM created`,
      [
        source.organizationId,
        source.id,
        input.toAmbassadorId,
        input.verificationTokenHash,
        input.respondBy,
        input.nextReminderAt,
        input.actor.type,
        actorId,
        input.note === null ? 'introduced' : `introduced: ${input.note.slice(0, 500)}`,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('introduction source request vanished inside its transaction');
    return id;
  }

  async setCapacityReference(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    reference: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_requests SET capacity_reference = $3 WHERE organization_id = $1 AND id = $2`,
      [organizationId, requestId, reference],
    );
  }

  // ---- the service-level sweep --------------------------------------------------------------

  /** Delivered requests with a reminder or the expiry due at `now`, oldest deadline first. */
  async dueForSla(em: EntityManager, now: Date, take: number): Promise<SlaDue[]> {
    const rows = await em.query<{ organization_id: string; id: string }[]>(
      `SELECT r.organization_id, r.id FROM chat_requests r
        WHERE ${SLA_DUE.replaceAll('$NOW', '$1')}
        ORDER BY least(r.next_reminder_at, r.respond_by), r.id
        LIMIT $2`,
      [now, take],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, id: r.id }));
  }

  /** Locks one due request; null when another worker holds it or it is no longer due. */
  async lockDueForSla(
    tx: EntityManager,
    organizationId: string,
    id: string,
    now: Date,
  ): Promise<ChatRequestRecord | null> {
    const rows = await tx.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM}
        WHERE r.organization_id = $1 AND r.id = $2 AND ${SLA_DUE.replaceAll('$NOW', '$3')}
        FOR UPDATE OF r SKIP LOCKED`,
      [organizationId, id, now],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Counts a reminder as sent (compare-and-set on the count) and sets the next one. */
  async recordReminder(
    tx: EntityManager,
    organizationId: string,
    id: string,
    sentBefore: number,
    nextReminderAt: Date | null,
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH counted AS (
         UPDATE chat_requests SET reminders_sent = $3::int + 1, next_reminder_at = $4::timestamptz,
                updated_at = now()
          WHERE organization_id = $1 AND id = $2 AND status = 'delivered' AND reminders_sent = $3
         RETURNING id
       )
       SELECT id FROM counted`,
      [organizationId, id, sentBefore, nextReminderAt],
    );
    return rows.length === 1;
  }

  /** While the ambassador is away the clock stands still: due dates move forward. */
  async postponeSla(
    tx: EntityManager,
    organizationId: string,
    id: string,
    respondBy: Date,
    nextReminderAt: Date | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_requests
          SET respond_by = greatest(respond_by, $3::timestamptz),
              next_reminder_at = CASE WHEN next_reminder_at IS NULL THEN NULL
                                      ELSE greatest(next_reminder_at, $4::timestamptz) END,
              updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status = 'delivered'`,
      [organizationId, id, respondBy, nextReminderAt],
    );
  }
}
