import { Injectable } from '@nestjs/common';
import type { ScreeningResult } from '@peerline/screening';
import type { EntityManager } from 'typeorm';
import type { ChatRequestStatus } from './chat-request.states';
import type {
  AmbassadorInfo,
  ChatRequestRecord,
  HistoryEntry,
  InboxRow,
  InsertedRequest,
  MatchCandidateInfo,
  ModerationRow,
  NewChatRequest,
  QueueCursor,
  ScreeningCounters,
  StoredSettings,
  Transition,
} from './chat-request.types';
import type { ScreeningLabelSource, ScreeningLabelValue } from './screening-label.entity';
import {
  AMBASSADOR_COLUMNS,
  AMBASSADOR_VISIBLE,
  REQUEST_COLUMNS,
  REQUEST_FROM,
  toAmbassador,
  toRecord,
  type AmbassadorRow,
  type RequestRow,
} from './chat-request.rows';

/**
 * The only place with SQL for the chat-request tables (requesters, chat_requests, history,
 * fingerprint bands, blocks, screening settings and labels). Every method takes the organization
 * id, except the two public entry points that find it: the organization slug at intake and the
 * verification token hash.
 */
@Injectable()
export class ChatRequestsRepository {
  // ---- intake -------------------------------------------------------------------------------

  /**
   * Finds the organization by slug and the named ambassador (if any), upserts the requester,
   * inserts the request and its first history row: one statement, one round trip. Null when the
   * organization is unknown; `id` null when the named ambassador is unknown, paused or hidden.
   */
  async insertRequest(
    tx: EntityManager,
    slug: string,
    input: NewChatRequest,
  ): Promise<InsertedRequest | null> {
    const rows = await tx.query<
      {
        org_id: string;
        org_name: string;
        org_time_zone: string;
        ambassador_name: string | null;
        id: string | null;
      }[]
    >(
      `WITH target AS (
         SELECT o.id AS org_id, o.name AS org_name, o.time_zone AS org_time_zone,
                a.id AS ambassador_id, a.display_name AS ambassador_name
           FROM organizations o
           LEFT JOIN ambassadors a
             ON a.organization_id = o.id AND a.id = $5::uuid AND ${AMBASSADOR_VISIBLE}
          WHERE o.slug = $1
       ), deliverable AS (
         SELECT org_id FROM target WHERE $5::uuid IS NULL OR ambassador_id IS NOT NULL
       ), requester AS (
         INSERT INTO requesters AS q (organization_id, email_normalized, email_domain, name)
         SELECT org_id, $2, $3, $4 FROM deliverable
         ON CONFLICT (organization_id, email_normalized)
           DO UPDATE SET name = EXCLUDED.name, updated_at = now()
         RETURNING q.id, q.organization_id
       ), request AS (
         INSERT INTO chat_requests (organization_id, requester_id, requested_ambassador_id,
           ambassador_id, routing_topic, route_if_full, status, requester_name, links, ask,
           value_proposition, topics, job_id, preferred_times, consent_at, client_ip_hash,
           verification_token_hash, verification_expires_at)
         SELECT requester.organization_id, requester.id, $5::uuid, $5::uuid, $6, $7, 'unverified', $4,
                $8::text[], $9, $10, $11::text[], $12::uuid, $13::text[], now(), $14, $15,
                now() + make_interval(hours => $16::int)
           FROM requester
         RETURNING id, organization_id
       ), history AS (
         INSERT INTO chat_request_history (organization_id, request_id, from_status, to_status, actor_type, reason)
         SELECT organization_id, id, NULL, 'unverified', 'requester', 'submitted' FROM request
       )
       SELECT t.org_id, t.org_name, t.org_time_zone, t.ambassador_name, (SELECT id FROM request) AS id
         FROM target t`,
      [
        slug,
        input.emailNormalized,
        input.emailDomain,
        input.requesterName,
        input.requestedAmbassadorId,
        input.routingTopic,
        input.routeIfFull,
        input.links,
        input.ask,
        input.valueProposition,
        input.topics,
        input.jobId,
        input.preferredTimes,
        input.clientIpHash,
        input.verificationTokenHash,
        input.verificationTtlHours,
      ],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      organizationId: r.org_id,
      organizationName: r.org_name,
      organizationTimeZone: r.org_time_zone,
      ambassadorName: r.ambassador_name,
    };
  }

  // ---- loading ------------------------------------------------------------------------------

  /** The verification link names no organization: the token hash finds the request. */
  async findByVerificationHash(
    tx: EntityManager,
    tokenHash: string,
    options: { lock?: boolean } = {},
  ): Promise<ChatRequestRecord | null> {
    const rows = await tx.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM}
        WHERE r.verification_token_hash = $1 ${options.lock ? 'FOR UPDATE OF r' : ''}`,
      [tokenHash],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ChatRequestRecord | null> {
    const rows = await em.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM}
        WHERE r.organization_id = $1 AND r.id = $2 ${options.lock ? 'FOR UPDATE OF r' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The status page names the request id without the organization; the token proves access. */
  async findOrganizationOf(em: EntityManager, id: string): Promise<string | null> {
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM chat_requests WHERE id = $1`,
      [id],
    );
    return rows[0]?.organization_id ?? null;
  }

  async history(
    em: EntityManager,
    organizationId: string,
    requestId: string,
  ): Promise<HistoryEntry[]> {
    const rows = await em.query<{ to_status: ChatRequestStatus; at: Date }[]>(
      `SELECT to_status, at FROM chat_request_history
        WHERE organization_id = $1 AND request_id = $2 ORDER BY id`,
      [organizationId, requestId],
    );
    return rows.map((r) => ({ toStatus: r.to_status, at: r.at }));
  }

  // ---- state changes ------------------------------------------------------------------------

  /**
   * Compare-and-set: moves the request from `from` to `to` only if it is still in `from`, and
   * writes the history row in the same statement. False when another command got there first.
   */
  async transition(
    tx: EntityManager,
    organizationId: string,
    id: string,
    t: Transition,
  ): Promise<boolean> {
    const params: unknown[] = [organizationId, id, t.from, t.to];
    const set: string[] = ['status = $4', 'updated_at = now()'];
    const add = (column: string, value: unknown, cast = ''): void => {
      params.push(value);
      set.push(`${column} = $${params.length}${cast}`);
    };
    const c = t.changes ?? {};
    if ('statusReason' in c) add('status_reason', c.statusReason ?? null);
    else set.push('status_reason = NULL');
    if (c.ambassadorId !== undefined) add('ambassador_id', c.ambassadorId, '::uuid');
    if (c.verified) set.push('verified_at = now()');
    if (c.delivered) set.push('delivered_at = now()');
    if ('retryAfter' in c) add('retry_after', c.retryAfter ?? null, '::timestamptz');
    else if (t.to !== 'waiting') set.push('retry_after = NULL');
    if (c.resubmitCount !== undefined) add('resubmit_count', c.resubmitCount, '::int');
    if (c.appealed) {
      set.push('appealed_at = now()');
      add('appeal_note', c.appealed.note);
    }
    if (c.text) {
      add('ask', c.text.ask);
      add('value_proposition', c.text.valueProposition);
      add('topics', c.text.topics, '::text[]');
      add('links', c.text.links, '::text[]');
    }
    if (c.sla !== undefined) {
      add('respond_by', c.sla?.respondBy ?? null, '::timestamptz');
      add('next_reminder_at', c.sla?.nextReminderAt ?? null, '::timestamptz');
      set.push('reminders_sent = 0');
    } else if (t.to !== 'delivered') {
      // The service-level clock runs only while a request waits in an inbox.
      set.push('respond_by = NULL', 'next_reminder_at = NULL');
    }
    if (c.capacityReference !== undefined) add('capacity_reference', c.capacityReference);
    if (c.accepted) set.push('accepted_at = now()');
    if (c.slot) {
      add('starts_at', c.slot.startsAt, '::timestamptz');
      add('duration_minutes', c.slot.durationMinutes, '::int');
      add('meeting_url', c.slot.meetingUrl);
      if (c.slot.bumpSequence) set.push('schedule_sequence = schedule_sequence + 1');
    }
    if (c.finished) set.push('finished_at = now()');
    const actorId = t.actor.type === 'user' || t.actor.type === 'api_key' ? t.actor.id : null;
    params.push(t.actor.type, actorId, t.reason);
    const n = params.length;
    const rows = await tx.query<{ id: string }[]>(
      `WITH moved AS (
         UPDATE chat_requests SET ${set.join(', ')}
          WHERE organization_id = $1 AND id = $2 AND status = $3
         RETURNING id
       )
       INSERT INTO chat_request_history (organization_id, request_id, from_status, to_status, actor_type, actor_id, reason)
       SELECT $1, moved.id, $3, $4, $${n - 2}, $${n - 1}::uuid, $${n} FROM moved
       RETURNING request_id AS id`,
      params,
    );
    return rows.length === 1;
  }

  async recordScreening(
    tx: EntityManager,
    organizationId: string,
    id: string,
    result: ScreeningResult,
    fingerprint: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_requests
          SET screening_outcome = $3, screening_reasons = $4::jsonb, screening_coaching = $5::jsonb,
              screening_score = $6, screening_signals = $7::jsonb, fingerprint = $8,
              screened_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [
        organizationId,
        id,
        result.outcome,
        JSON.stringify(result.reasons),
        JSON.stringify(result.coaching),
        result.score,
        JSON.stringify(result.signals),
        fingerprint,
      ],
    );
  }

  /** A routed request belongs to the ambassador screening picked, before any delivery. */
  async setAmbassador(
    tx: EntityManager,
    organizationId: string,
    id: string,
    ambassadorId: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_requests SET ambassador_id = $3::uuid, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, ambassadorId],
    );
  }

  // ---- screening context --------------------------------------------------------------------

  /** Serializes the screening of one requester's requests (open-request and rate counts). */
  async lockRequester(
    tx: EntityManager,
    organizationId: string,
    requesterId: string,
  ): Promise<void> {
    await tx.query(`SELECT 1 FROM requesters WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [
      organizationId,
      requesterId,
    ]);
  }

  async screeningCounters(
    tx: EntityManager,
    organizationId: string,
    request: { id: string; requesterId: string; clientIpHash: string; requesterEmail: string },
    domains: readonly string[],
    openStatuses: readonly ChatRequestStatus[],
  ): Promise<ScreeningCounters> {
    const rows = await tx.query<
      {
        per_ip: number;
        per_email: number;
        open: number;
        earlier_verified: number;
        email_blocked: boolean;
        domain_blocked: boolean;
      }[]
    >(
      `SELECT
         (SELECT count(*)::int FROM chat_requests
           WHERE organization_id = $1 AND client_ip_hash = $4 AND id <> $2
             AND created_at > now() - interval '1 hour') AS per_ip,
         (SELECT count(*)::int FROM chat_requests
           WHERE organization_id = $1 AND requester_id = $3 AND id <> $2
             AND created_at > now() - interval '1 hour') AS per_email,
         (SELECT count(*)::int FROM chat_requests
           WHERE organization_id = $1 AND requester_id = $3 AND id <> $2
             AND status = ANY ($7::text[])) AS open,
         (SELECT count(*)::int FROM chat_requests
           WHERE organization_id = $1 AND requester_id = $3 AND id <> $2
             AND verified_at IS NOT NULL) AS earlier_verified,
         EXISTS (SELECT 1 FROM requester_blocks
           WHERE organization_id = $1 AND kind = 'email' AND value = $5 AND status <> 'lifted')
           AS email_blocked,
         (EXISTS (SELECT 1 FROM requester_blocks
            WHERE organization_id = $1 AND kind = 'domain' AND value = ANY ($6::text[])
              AND status <> 'lifted')
          OR EXISTS (SELECT 1 FROM screening_settings
            WHERE organization_id = $1 AND blocked_domains && $6::text[])) AS domain_blocked`,
      [
        organizationId,
        request.id,
        request.requesterId,
        request.clientIpHash,
        request.requesterEmail,
        domains,
        openStatuses,
      ],
    );
    const r = rows[0];
    if (!r) throw new Error('screening counters returned no row');
    return {
      perIpLastHour: r.per_ip,
      perEmailLastHour: r.per_email,
      openRequestsOfRequester: r.open,
      earlierVerifiedRequests: r.earlier_verified,
      emailBlocked: r.email_blocked,
      domainBlocked: r.domain_blocked,
    };
  }

  /**
   * Transaction-scoped advisory locks on the organization's band keys, in one fixed order: two
   * near-identical texts share a band with near certainty, so their screenings take turns and
   * the second sees the first's bands (no spraying through parallel requests).
   */
  async lockBands(
    tx: EntityManager,
    organizationId: string,
    bands: readonly string[],
  ): Promise<void> {
    if (bands.length === 0) return;
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(k)) FROM (
         SELECT DISTINCT hashtextextended($1 || ':' || b, 0) AS k FROM unnest($2::text[]) b ORDER BY k
       ) keys`,
      [organizationId, bands],
    );
  }

  async findNearDuplicateCandidates(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    bands: readonly string[],
    windowMinutes: number,
  ): Promise<{ ambassadorId: string | null; fingerprint: string }[]> {
    if (bands.length === 0) return [];
    const rows = await tx.query<{ ambassador_id: string | null; fingerprint: string }[]>(
      `SELECT DISTINCT ON (b.request_id) b.ambassador_id, r.fingerprint
         FROM chat_request_fingerprint_bands b
         JOIN chat_requests r ON r.organization_id = b.organization_id AND r.id = b.request_id
        WHERE b.organization_id = $1 AND b.band = ANY ($3::text[]) AND b.request_id <> $2
          AND b.created_at > now() - make_interval(mins => $4::int)
        LIMIT 500`,
      [organizationId, requestId, bands, windowMinutes],
    );
    return rows.map((r) => ({ ambassadorId: r.ambassador_id, fingerprint: r.fingerprint }));
  }

  /** Replaces the request's bands (a resubmitted text has new ones), stamped now. */
  async saveBands(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    ambassadorId: string | null,
    bands: readonly string[],
  ): Promise<void> {
    // Two statements: a CTE cannot delete and re-insert the same key in one go.
    await tx.query(
      `DELETE FROM chat_request_fingerprint_bands WHERE organization_id = $1 AND request_id = $2`,
      [organizationId, requestId],
    );
    await tx.query(
      `INSERT INTO chat_request_fingerprint_bands (organization_id, request_id, band, ambassador_id)
       SELECT $1, $2, b, $3::uuid FROM unnest($4::text[]) b`,
      [organizationId, requestId, ambassadorId, [...new Set(bands)]],
    );
  }

  async setBandsAmbassador(
    tx: EntityManager,
    organizationId: string,
    requestId: string,
    ambassadorId: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_request_fingerprint_bands SET ambassador_id = $3
        WHERE organization_id = $1 AND request_id = $2`,
      [organizationId, requestId, ambassadorId],
    );
  }

  // ---- ambassadors (read-only) --------------------------------------------------------------

  async findAmbassador(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
  ): Promise<AmbassadorInfo | null> {
    const rows = await em.query<AmbassadorRow[]>(
      `SELECT ${AMBASSADOR_COLUMNS} FROM ambassadors a
        WHERE a.organization_id = $1 AND a.id = $2 AND ${AMBASSADOR_VISIBLE}`,
      [organizationId, ambassadorId],
    );
    return rows[0] ? toAmbassador(rows[0]) : null;
  }

  async findAmbassadorByUser(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<{ id: string } | null> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM ambassadors WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Deliverable ambassadors sharing a topic, with the slots they have left this ISO week
   * (organization time zone), most shared topics first; ranking is the ambassadors lib's
   * rankCandidates. Mirrors the directory's candidate query.
   */
  async findMatchCandidates(
    em: EntityManager,
    organizationId: string,
    topics: readonly string[],
    take: number,
  ): Promise<MatchCandidateInfo[]> {
    if (topics.length === 0) return [];
    const rows = await em.query<(AmbassadorRow & { remaining: number })[]>(
      `SELECT ${AMBASSADOR_COLUMNS},
              CASE WHEN a.status = 'active' OR a.returns_on <= (now() AT TIME ZONE o.time_zone)::date
                THEN greatest(a.weekly_capacity - coalesce(w.used, 0), 0) ELSE 0 END AS remaining
         FROM ambassadors a
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN ambassador_capacity_weeks w
           ON w.ambassador_id = a.id
          AND w.iso_week = to_char(now() AT TIME ZONE o.time_zone, 'IYYY-"W"IW')
        WHERE a.organization_id = $1 AND a.topics && $2::text[] AND ${AMBASSADOR_VISIBLE}
        ORDER BY cardinality(ARRAY(SELECT unnest(a.topics) INTERSECT SELECT unnest($2::text[]))) DESC,
                 a.id DESC
        LIMIT $3`,
      [organizationId, topics, take],
    );
    return rows.map((r) => ({ ...toAmbassador(r), remaining: r.remaining }));
  }

  /** Monday 00:00 of the next ISO week in the organization's time zone. */
  async nextWeekStart(em: EntityManager, organizationId: string): Promise<Date> {
    const rows = await em.query<{ t: Date }[]>(
      `SELECT ((date_trunc('week', now() AT TIME ZONE time_zone) + interval '7 days') AT TIME ZONE time_zone) AS t
         FROM organizations WHERE id = $1`,
      [organizationId],
    );
    const t = rows[0]?.t;
    if (!t) throw new Error('organization not found');
    return t;
  }

  async organizationName(em: EntityManager, organizationId: string): Promise<string | null> {
    const rows = await em.query<{ name: string }[]>(
      `SELECT name FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return rows[0]?.name ?? null;
  }

  // ---- settings -----------------------------------------------------------------------------

  async loadSettings(em: EntityManager, organizationId: string): Promise<StoredSettings | null> {
    const rows = await em.query<
      { overrides: Record<string, unknown>; blocked_domains: string[] }[]
    >(`SELECT overrides, blocked_domains FROM screening_settings WHERE organization_id = $1`, [
      organizationId,
    ]);
    const r = rows[0];
    return r ? { overrides: r.overrides, blockedDomains: r.blocked_domains } : null;
  }

  async saveSettings(
    tx: EntityManager,
    organizationId: string,
    settings: StoredSettings,
    updatedBy: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO screening_settings (organization_id, overrides, blocked_domains, updated_by)
       VALUES ($1, $2::jsonb, $3::text[], $4::uuid)
       ON CONFLICT (organization_id) DO UPDATE
         SET overrides = EXCLUDED.overrides, blocked_domains = EXCLUDED.blocked_domains,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organizationId, JSON.stringify(settings.overrides), settings.blockedDomains, updatedBy],
    );
  }

  /** Locks the settings row (created empty when missing) for a read-modify-write by HR. */
  async lockSettings(tx: EntityManager, organizationId: string): Promise<StoredSettings> {
    await tx.query(
      `INSERT INTO screening_settings (organization_id) VALUES ($1) ON CONFLICT (organization_id) DO NOTHING`,
      [organizationId],
    );
    const rows = await tx.query<
      { overrides: Record<string, unknown>; blocked_domains: string[] }[]
    >(
      `SELECT overrides, blocked_domains FROM screening_settings WHERE organization_id = $1 FOR UPDATE`,
      [organizationId],
    );
    const r = rows[0];
    if (!r) throw new Error('screening settings row missing after upsert');
    return { overrides: r.overrides, blockedDomains: r.blocked_domains };
  }

  // ---- blocks and labels --------------------------------------------------------------------

  /** An abuse report's block (issue 5 calls this): pending HR review, but in force at once. */
  async insertBlock(
    tx: EntityManager,
    organizationId: string,
    block: {
      kind: 'email' | 'domain';
      value: string;
      source: 'abuse_report' | 'hr';
      sourceRequestId: string | null;
      createdBy: string | null;
    },
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO requester_blocks (organization_id, kind, value, status, source, source_request_id, created_by)
       VALUES ($1, $2, $3, CASE WHEN $4 = 'hr' THEN 'active' ELSE 'pending_review' END, $4, $5::uuid, $6::uuid)
       ON CONFLICT (organization_id, kind, value) WHERE status <> 'lifted' DO NOTHING
       RETURNING id`,
      [
        organizationId,
        block.kind,
        block.value,
        block.source,
        block.sourceRequestId,
        block.createdBy,
      ],
    );
    return rows.length === 1;
  }

  async insertLabel(
    tx: EntityManager,
    organizationId: string,
    label: {
      requestId: string;
      text: string;
      label: ScreeningLabelValue;
      source: ScreeningLabelSource;
      decidedBy: string | null;
      note: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO screening_labels (organization_id, request_id, text, label, source, decided_by, note)
       VALUES ($1, $2, $3, $4, $5, $6::uuid, $7)`,
      [
        organizationId,
        label.requestId,
        label.text,
        label.label,
        label.source,
        label.decidedBy,
        label.note,
      ],
    );
  }

  /** How many labels the organization has, how many of them spam or abuse, and how many its model saw. */
  async labelCounts(
    em: EntityManager,
    organizationId: string,
  ): Promise<{ total: number; spam: number; trained: number | null }> {
    const rows = await em.query<{ total: number; spam: number; trained: number | null }[]>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE label IN ('spam', 'abusive'))::int AS spam,
              (SELECT label_count FROM screening_org_models WHERE organization_id = $1) AS trained
         FROM screening_labels WHERE organization_id = $1`,
      [organizationId],
    );
    return rows[0] ?? { total: 0, spam: 0, trained: null };
  }

  /** Organizations with at least `minPerClass` labels of each kind and new ones since their model. */
  async organizationsDueForRetraining(em: EntityManager, minPerClass: number): Promise<string[]> {
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT l.organization_id
         FROM screening_labels l
         LEFT JOIN screening_org_models m ON m.organization_id = l.organization_id
        GROUP BY l.organization_id, m.label_count
       HAVING count(*) FILTER (WHERE l.label IN ('spam', 'abusive')) >= $1
          AND count(*) FILTER (WHERE l.label = 'legitimate') >= $1
          AND m.label_count IS DISTINCT FROM count(*)::int`,
      [minPerClass],
    );
    return rows.map((r) => r.organization_id);
  }

  async orgModel(
    em: EntityManager,
    organizationId: string,
  ): Promise<{ artifact: unknown; labelledExamples: number } | null> {
    const rows = await em.query<{ artifact: unknown; labelled_examples: number }[]>(
      `SELECT artifact, labelled_examples FROM screening_org_models WHERE organization_id = $1`,
      [organizationId],
    );
    const r = rows[0];
    return r ? { artifact: r.artifact, labelledExamples: r.labelled_examples } : null;
  }

  /** Replaces the organization's model as a whole (two overlapping trainings: the last wins). */
  async saveOrgModel(
    em: EntityManager,
    organizationId: string,
    model: { artifact: unknown; labelledExamples: number; labelCount: number; trainedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO screening_org_models (organization_id, artifact, labelled_examples, label_count, trained_at)
       VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE
         SET artifact = EXCLUDED.artifact, labelled_examples = EXCLUDED.labelled_examples,
             label_count = EXCLUDED.label_count, trained_at = EXCLUDED.trained_at`,
      [
        organizationId,
        JSON.stringify(model.artifact),
        model.labelledExamples,
        model.labelCount,
        model.trainedAt,
      ],
    );
  }

  /** The newest labels, for retraining the organization's model. */
  async recentLabels(
    em: EntityManager,
    organizationId: string,
    take: number,
  ): Promise<{ text: string; label: ScreeningLabelValue }[]> {
    return em.query<{ text: string; label: ScreeningLabelValue }[]>(
      `SELECT text, label FROM screening_labels WHERE organization_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [organizationId, take],
    );
  }

  // ---- lists --------------------------------------------------------------------------------

  async moderationQueue(
    em: EntityManager,
    organizationId: string,
    after: QueueCursor | null,
    take: number,
  ): Promise<ModerationRow[]> {
    const rows = await em.query<
      (RequestRow & { ambassador_name: string | null; cursor_at: string })[]
    >(
      `SELECT ${REQUEST_COLUMNS}, a.display_name AS ambassador_name, r.updated_at::text AS cursor_at
         FROM ${REQUEST_FROM}
         LEFT JOIN ambassadors a ON a.organization_id = r.organization_id AND a.id = r.ambassador_id
        WHERE r.organization_id = $1 AND r.status = 'review'
          AND ($2::timestamptz IS NULL OR (r.updated_at, r.id) > ($2::timestamptz, $3::uuid))
        ORDER BY r.updated_at, r.id
        LIMIT $4`,
      [organizationId, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({
      request: toRecord(r),
      ambassadorName: r.ambassador_name,
      cursorAt: r.cursor_at,
    }));
  }

  async inbox(
    em: EntityManager,
    organizationId: string,
    ambassadorId: string,
    after: QueueCursor | null,
    take: number,
  ): Promise<InboxRow[]> {
    const rows = await em.query<(RequestRow & { cursor_at: string })[]>(
      `SELECT ${REQUEST_COLUMNS}, r.delivered_at::text AS cursor_at
         FROM ${REQUEST_FROM}
        WHERE r.organization_id = $1 AND r.ambassador_id = $2 AND r.status = 'delivered'
          AND ($3::timestamptz IS NULL OR (r.delivered_at, r.id) > ($3::timestamptz, $4::uuid))
        ORDER BY r.delivered_at, r.id
        LIMIT $5`,
      [organizationId, ambassadorId, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({ request: toRecord(r), cursorAt: r.cursor_at }));
  }

  // ---- sweeps -------------------------------------------------------------------------------

  /** Organizations with unverified requests past their link's life (the sweep goes org by org). */
  async organizationsWithExpiredVerifications(em: EntityManager, take: number): Promise<string[]> {
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT DISTINCT organization_id FROM chat_requests
        WHERE status = 'unverified' AND verification_expires_at <= now() LIMIT $1`,
      [take],
    );
    return rows.map((r) => r.organization_id);
  }

  /** Expires a batch (skipping rows a verify holds) and writes their history; returns the count. */
  async expireUnverified(tx: EntityManager, organizationId: string, take: number): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(
      `WITH due AS (
         SELECT id FROM chat_requests
          WHERE organization_id = $1 AND status = 'unverified' AND verification_expires_at <= now()
          ORDER BY verification_expires_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), moved AS (
         UPDATE chat_requests r SET status = 'expired', status_reason = 'not_verified', updated_at = now()
           FROM due WHERE r.id = due.id AND r.status = 'unverified'
         RETURNING r.id
       ), history AS (
         INSERT INTO chat_request_history (organization_id, request_id, from_status, to_status, actor_type, reason)
         SELECT $1, moved.id, 'unverified', 'expired', 'system', 'not_verified' FROM moved
       )
       SELECT count(*)::int AS n FROM moved`,
      [organizationId, take],
    );
    return rows[0]?.n ?? 0;
  }

  /** Still no slot: the request keeps waiting until the next ISO week (no state change). */
  async postponeWaiting(
    tx: EntityManager,
    organizationId: string,
    id: string,
    retryAfter: Date,
    reason: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_requests SET retry_after = $3, status_reason = $4, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status = 'waiting'`,
      [organizationId, id, retryAfter, reason],
    );
  }

  /** Waiting requests whose retry time has come, oldest first. */
  async dueWaiting(
    em: EntityManager,
    take: number,
  ): Promise<{ organizationId: string; id: string }[]> {
    const rows = await em.query<{ organization_id: string; id: string }[]>(
      `SELECT organization_id, id FROM chat_requests
        WHERE status = 'waiting' AND retry_after <= now()
        ORDER BY retry_after, id LIMIT $1`,
      [take],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, id: r.id }));
  }

  /** Locks one due waiting request, or null when another worker has it or it moved on. */
  async lockDueWaiting(
    tx: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ChatRequestRecord | null> {
    const rows = await tx.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM}
        WHERE r.organization_id = $1 AND r.id = $2 AND r.status = 'waiting' AND r.retry_after <= now()
        FOR UPDATE OF r SKIP LOCKED`,
      [organizationId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}
