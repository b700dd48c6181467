import { Injectable } from '@nestjs/common';
import { lockKey } from '@peerline/db';
import type { EntityManager } from 'typeorm';
import type { ReferralStatus, ReferralType } from './referral.states';
import type {
  CreditStatus,
  DisputeRecord,
  Endorsement,
  HistoryEntry,
  JobRecord,
  JobStatus,
  ListCursor,
  NewJob,
  NewReferral,
  ReferralRecord,
  ReferralSettingsRecord,
  ReferralTransition,
} from './referral.types';

interface JobRow {
  id: string;
  organization_id: string;
  title: string;
  department: string | null;
  level: string | null;
  location: string | null;
  ats_job_id: string | null;
  hiring_manager_id: string | null;
  recruiter_id: string | null;
  status: JobStatus;
  created_at: Date;
  updated_at: Date;
}

const JOB_COLUMNS = `j.id, j.organization_id, j.title, j.department, j.level, j.location, j.ats_job_id,
  j.hiring_manager_id, j.recruiter_id, j.status, j.created_at, j.updated_at`;

function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    title: r.title,
    department: r.department,
    level: r.level,
    location: r.location,
    atsJobId: r.ats_job_id,
    hiringManagerId: r.hiring_manager_id,
    recruiterId: r.recruiter_id,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface ReferralRow {
  id: string;
  organization_id: string;
  job_id: string;
  job_title: string;
  referrer_id: string;
  referrer_name: string;
  referrer_email: string;
  type: ReferralType;
  chat_request_id: string | null;
  candidate_name: string;
  candidate_email: string;
  candidate_links: string[];
  endorsement: Endorsement;
  status: ReferralStatus;
  closing_reason: string | null;
  credit_status: CreditStatus | null;
  credit_rule: string | null;
  credit_explanation: string | null;
  credit_owner_referral_id: string | null;
  consent_expires_at: Date;
  consented_at: Date | null;
  closing_note_opt_in: boolean;
  submitted_at: Date | null;
  ats_candidate_id: string | null;
  ats_application_id: string | null;
  hired_at: Date | null;
  start_date: string | null;
  unhired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const REFERRAL_COLUMNS = `r.id, r.organization_id, r.job_id, j.title AS job_title, r.referrer_id,
  u.name AS referrer_name, u.email AS referrer_email, r.type, r.chat_request_id, r.candidate_name,
  r.candidate_email, r.candidate_links, r.endorsement, r.status, r.closing_reason, r.credit_status,
  r.credit_rule, r.credit_explanation, r.credit_owner_referral_id, r.consent_expires_at,
  r.consented_at, r.closing_note_opt_in, r.submitted_at, r.ats_candidate_id, r.ats_application_id,
  r.hired_at, r.start_date::text AS start_date, r.unhired_at, r.created_at, r.updated_at`;

const REFERRAL_FROM = `referrals r
  JOIN jobs j ON j.organization_id = r.organization_id AND j.id = r.job_id
  JOIN users u ON u.organization_id = r.organization_id AND u.id = r.referrer_id`;

function toReferral(r: ReferralRow): ReferralRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    jobId: r.job_id,
    jobTitle: r.job_title,
    referrerId: r.referrer_id,
    referrerName: r.referrer_name,
    referrerEmail: r.referrer_email,
    type: r.type,
    chatRequestId: r.chat_request_id,
    candidateName: r.candidate_name,
    candidateEmail: r.candidate_email,
    candidateLinks: r.candidate_links,
    endorsement: r.endorsement,
    status: r.status,
    closingReason: r.closing_reason,
    creditStatus: r.credit_status,
    creditRule: r.credit_rule,
    creditExplanation: r.credit_explanation,
    creditOwnerReferralId: r.credit_owner_referral_id,
    consentExpiresAt: r.consent_expires_at,
    consentedAt: r.consented_at,
    closingNoteOptIn: r.closing_note_opt_in,
    submittedAt: r.submitted_at,
    atsCandidateId: r.ats_candidate_id,
    atsApplicationId: r.ats_application_id,
    hiredAt: r.hired_at,
    startDate: r.start_date,
    unhiredAt: r.unhired_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface DisputeRow {
  id: string;
  organization_id: string;
  referral_id: string;
  opened_by: string;
  reason: string;
  status: 'open' | 'upheld' | 'overturned';
  resolved_by: string | null;
  resolution_note: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

function toDispute(r: DisputeRow): DisputeRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    referralId: r.referral_id,
    openedBy: r.opened_by,
    reason: r.reason,
    status: r.status,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
  };
}

/**
 * The only SQL of the referrals tables (jobs, referrals, history, disputes, settings). Every
 * method takes the organization id, except the consent lookup by token hash.
 */
@Injectable()
export class ReferralsRepository {
  // ---- settings -----------------------------------------------------------------------------

  async settings(em: EntityManager, organizationId: string): Promise<ReferralSettingsRecord> {
    const rows = await em.query<
      {
        credit_model: 'candidate' | 'job';
        ownership_window_months: number;
        prior_applicant_window_months: number;
        excluded_groups: string[];
      }[]
    >(
      `SELECT credit_model, ownership_window_months, prior_applicant_window_months, excluded_groups
         FROM referral_settings WHERE organization_id = $1`,
      [organizationId],
    );
    const r = rows[0];
    // No row: the defaults of PRODUCT.md (candidate model, 12-month ownership).
    if (!r) {
      return {
        creditModel: 'candidate',
        ownershipWindowMonths: 12,
        priorApplicantWindowMonths: 6,
        excludedGroups: [],
      };
    }
    return {
      creditModel: r.credit_model,
      ownershipWindowMonths: r.ownership_window_months,
      priorApplicantWindowMonths: r.prior_applicant_window_months,
      excludedGroups: r.excluded_groups,
    };
  }

  async saveSettings(
    tx: EntityManager,
    organizationId: string,
    s: ReferralSettingsRecord,
    updatedBy: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO referral_settings (organization_id, credit_model, ownership_window_months,
           prior_applicant_window_months, excluded_groups, updated_by)
       VALUES ($1, $2, $3, $4, $5::text[], $6::uuid)
       ON CONFLICT (organization_id) DO UPDATE
          SET credit_model = EXCLUDED.credit_model,
              ownership_window_months = EXCLUDED.ownership_window_months,
              prior_applicant_window_months = EXCLUDED.prior_applicant_window_months,
              excluded_groups = EXCLUDED.excluded_groups,
              updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        organizationId,
        s.creditModel,
        s.ownershipWindowMonths,
        s.priorApplicantWindowMonths,
        s.excludedGroups,
        updatedBy,
      ],
    );
  }

  // ---- jobs ---------------------------------------------------------------------------------

  async insertJob(tx: EntityManager, organizationId: string, job: NewJob): Promise<JobRecord> {
    const rows = await tx.query<JobRow[]>(
      `WITH j AS (
         INSERT INTO jobs (organization_id, title, department, level, location, ats_job_id,
             hiring_manager_id, recruiter_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid, $8::uuid, $9)
         RETURNING *
       )
       SELECT ${JOB_COLUMNS} FROM j`,
      [
        organizationId,
        job.title,
        job.department,
        job.level,
        job.location,
        job.atsJobId,
        job.hiringManagerId,
        job.recruiterId,
        job.status,
      ],
    );
    const r = rows[0];
    if (!r) throw new Error('job insert returned nothing');
    return toJob(r);
  }

  async findJob(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<JobRecord | null> {
    const rows = await em.query<JobRow[]>(
      `SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.organization_id = $1 AND j.id = $2
        ${options.lock ? 'FOR SHARE' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  async listJobs(
    em: EntityManager,
    organizationId: string,
    status: JobStatus | null,
    after: ListCursor | null,
    take: number,
  ): Promise<(JobRecord & { cursorAt: string })[]> {
    const rows = await em.query<(JobRow & { cursor_at: string })[]>(
      `SELECT ${JOB_COLUMNS}, j.created_at::text AS cursor_at FROM jobs j
        WHERE j.organization_id = $1 AND ($2::text IS NULL OR j.status = $2)
          AND ($3::timestamptz IS NULL OR (j.created_at, j.id) > ($3::timestamptz, $4::uuid))
        ORDER BY j.created_at, j.id
        LIMIT $5`,
      [organizationId, status, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({ ...toJob(r), cursorAt: r.cursor_at }));
  }

  async setJobStatus(
    tx: EntityManager,
    organizationId: string,
    id: string,
    status: JobStatus,
  ): Promise<void> {
    await tx.query(
      `UPDATE jobs SET status = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, status],
    );
  }

  /** Users of the organization with the given ids (hiring manager, recruiter must be members). */
  async countUsers(em: EntityManager, organizationId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return rows[0]?.n ?? 0;
  }

  async user(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<{ id: string; name: string; email: string; roles: string[]; active: boolean } | null> {
    const rows = await em.query<
      { id: string; name: string; email: string; roles: string[]; is_active: boolean }[]
    >(
      `SELECT id, name, email, roles, is_active FROM users WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    const r = rows[0];
    return r
      ? { id: r.id, name: r.name, email: r.email, roles: r.roles, active: r.is_active }
      : null;
  }

  async organization(
    em: EntityManager,
    organizationId: string,
  ): Promise<{ name: string; slug: string; timeZone: string } | null> {
    const rows = await em.query<{ name: string; slug: string; time_zone: string }[]>(
      `SELECT name, slug, time_zone FROM organizations WHERE id = $1`,
      [organizationId],
    );
    const r = rows[0];
    return r ? { name: r.name, slug: r.slug, timeZone: r.time_zone } : null;
  }

  // ---- referrals ----------------------------------------------------------------------------

  async insertReferral(
    tx: EntityManager,
    organizationId: string,
    input: NewReferral,
  ): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH created AS (
         INSERT INTO referrals (organization_id, job_id, referrer_id, type, chat_request_id,
             candidate_name, candidate_email, candidate_links, endorsement, status,
             consent_token_hash, consent_expires_at)
         VALUES ($1, $2, $3, $4, $5::uuid, $6, $7, $8::text[], $9::jsonb, 'awaiting_consent', $10, $11)
         RETURNING id
       ), history AS (
         INSERT INTO referral_history (organization_id, referral_id, from_status, to_status, actor_type, actor_id, reason)
         SELECT $1, id, NULL, 'awaiting_consent', 'user', $3, 'created' FROM created
       )
       SELECT id FROM created`,
      [
        organizationId,
        input.jobId,
        input.referrerId,
        input.type,
        input.chatRequestId,
        input.candidateName,
        input.candidateEmail,
        input.candidateLinks,
        JSON.stringify(input.endorsement),
        input.consentTokenHash,
        input.consentExpiresAt,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('referral insert returned nothing');
    return id;
  }

  async findReferral(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ReferralRecord | null> {
    const rows = await em.query<ReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM}
        WHERE r.organization_id = $1 AND r.id = $2 ${options.lock ? 'FOR UPDATE OF r' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toReferral(rows[0]) : null;
  }

  async findByConsentHash(tx: EntityManager, tokenHash: string): Promise<ReferralRecord | null> {
    const rows = await tx.query<ReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM}
        WHERE r.consent_token_hash = $1 FOR UPDATE OF r`,
      [tokenHash],
    );
    return rows[0] ? toReferral(rows[0]) : null;
  }

  async listReferrals(
    em: EntityManager,
    organizationId: string,
    referrerId: string | null,
    after: ListCursor | null,
    take: number,
  ): Promise<(ReferralRecord & { cursorAt: string })[]> {
    const rows = await em.query<(ReferralRow & { cursor_at: string })[]>(
      `SELECT ${REFERRAL_COLUMNS}, r.created_at::text AS cursor_at FROM ${REFERRAL_FROM}
        WHERE r.organization_id = $1 AND ($2::uuid IS NULL OR r.referrer_id = $2)
          AND ($3::timestamptz IS NULL OR (r.created_at, r.id) < ($3::timestamptz, $4::uuid))
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $5`,
      [organizationId, referrerId, after?.at ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({ ...toReferral(r), cursorAt: r.cursor_at }));
  }

  /**
   * Every referral of the same candidate in the organization that went past consent (any job):
   * the same normalized e-mail or a shared ATS candidate id.
   */
  async candidateReferrals(
    em: EntityManager,
    organizationId: string,
    email: string,
    atsCandidateIds: string[],
    excludeId: string,
  ): Promise<ReferralRecord[]> {
    const rows = await em.query<ReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM ${REFERRAL_FROM}
        WHERE r.organization_id = $1 AND r.id <> $4 AND r.credit_status IS NOT NULL
          AND (r.candidate_email = $2 OR r.ats_candidate_id = ANY($3::text[]))
        ORDER BY r.submitted_at, r.id`,
      [organizationId, email, atsCandidateIds, excludeId],
    );
    return rows.map(toReferral);
  }

  /** Applications the ATS reported for this candidate before `before` (prior applicants). */
  async priorApplications(
    em: EntityManager,
    organizationId: string,
    email: string,
    atsCandidateIds: string[],
  ): Promise<
    {
      appliedAt: Date;
      referralId: string | null;
      atsCandidateId: string | null;
      email: string | null;
    }[]
  > {
    const rows = await em.query<
      {
        applied_at: Date;
        referral_id: string | null;
        ats_candidate_id: string | null;
        candidate_email: string | null;
      }[]
    >(
      `SELECT applied_at, referral_id, ats_candidate_id, candidate_email FROM ats_applications
        WHERE organization_id = $1 AND (candidate_email = $2 OR ats_candidate_id = ANY($3::text[]))`,
      [organizationId, email, atsCandidateIds],
    );
    return rows.map((r) => ({
      appliedAt: r.applied_at,
      referralId: r.referral_id,
      atsCandidateId: r.ats_candidate_id,
      email: r.candidate_email,
    }));
  }

  /**
   * Serializes credit decisions for one candidate (by normalized e-mail) inside the caller's
   * transaction: parallel consents of duplicates are decided one after the other.
   */
  async lockCandidate(tx: EntityManager, organizationId: string, email: string): Promise<void> {
    await lockKey(tx, `referral-candidate:${organizationId}:${email}`);
  }

  /** Compare-and-set on the status, with the history row, in one statement. */
  async transition(
    tx: EntityManager,
    organizationId: string,
    id: string,
    t: ReferralTransition,
  ): Promise<boolean> {
    const params: unknown[] = [organizationId, id, t.from, t.to];
    const set: string[] = ['status = $4', 'updated_at = now()'];
    const add = (column: string, value: unknown, cast = ''): void => {
      params.push(value);
      set.push(`${column} = $${params.length}${cast}`);
    };
    const s = t.set ?? {};
    if ('closingReason' in s) add('closing_reason', s.closingReason ?? null);
    if (s.consented) {
      set.push('consented_at = now()');
      add('closing_note_opt_in', s.consented.optIn, '::boolean');
    }
    if (s.submitted) add('submitted_at', s.submitted, '::timestamptz');
    if (s.credit) {
      add('credit_status', s.credit.status);
      add('credit_rule', s.credit.rule);
      add('credit_explanation', s.credit.explanation);
      add('credit_owner_referral_id', s.credit.ownerReferralId, '::uuid');
    }
    const actorId = t.actor.type === 'user' || t.actor.type === 'api_key' ? t.actor.id : null;
    params.push(t.actor.type, actorId, t.reason);
    const n = params.length;
    const rows = await tx.query<{ id: string }[]>(
      `WITH moved AS (
         UPDATE referrals SET ${set.join(', ')}
          WHERE organization_id = $1 AND id = $2 AND status = $3
         RETURNING id
       )
       INSERT INTO referral_history (organization_id, referral_id, from_status, to_status, actor_type, actor_id, reason)
       SELECT $1, moved.id, $3, $4, $${n - 2}, $${n - 1}::uuid, $${n} FROM moved
       RETURNING referral_id AS id`,
      params,
    );
    return rows.length === 1;
  }

  async history(em: EntityManager, organizationId: string, id: string): Promise<HistoryEntry[]> {
    const rows = await em.query<
      {
        from_status: ReferralStatus | null;
        to_status: ReferralStatus;
        reason: string | null;
        at: Date;
      }[]
    >(
      `SELECT from_status, to_status, reason, at FROM referral_history
        WHERE organization_id = $1 AND referral_id = $2 ORDER BY id`,
      [organizationId, id],
    );
    return rows.map((r) => ({ from: r.from_status, to: r.to_status, reason: r.reason, at: r.at }));
  }

  /** Unanswered consent requests past their date, oldest first. */
  async dueForLapse(
    em: EntityManager,
    now: Date,
    take: number,
  ): Promise<{ organizationId: string; id: string }[]> {
    const rows = await em.query<{ organization_id: string; id: string }[]>(
      `SELECT organization_id, id FROM referrals
        WHERE status = 'awaiting_consent' AND consent_expires_at <= $1
        ORDER BY consent_expires_at, id LIMIT $2`,
      [now, take],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, id: r.id }));
  }

  /** The completed chat the referrer held as ambassador, if it is one (conversation referrals). */
  async completedChatOf(
    em: EntityManager,
    organizationId: string,
    chatRequestId: string,
    userId: string,
  ): Promise<{ id: string } | null> {
    // Read-only use of the chat-requests and ambassadors tables (domain direction allows it).
    const rows = await em.query<{ id: string }[]>(
      `SELECT c.id FROM chat_requests c
         JOIN ambassadors a ON a.organization_id = c.organization_id AND a.id = c.ambassador_id
        WHERE c.organization_id = $1 AND c.id = $2 AND a.user_id = $3 AND c.status = 'completed'`,
      [organizationId, chatRequestId, userId],
    );
    return rows[0] ?? null;
  }

  // ---- disputes -----------------------------------------------------------------------------

  async insertDispute(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
    openedBy: string,
    reason: string,
  ): Promise<DisputeRecord | null> {
    const rows = await tx.query<DisputeRow[]>(
      `INSERT INTO referral_disputes (organization_id, referral_id, opened_by, reason)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (referral_id) WHERE status = 'open' DO NOTHING
       RETURNING *`,
      [organizationId, referralId, openedBy, reason],
    );
    return rows[0] ? toDispute(rows[0]) : null;
  }

  async findDispute(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<DisputeRecord | null> {
    const rows = await em.query<DisputeRow[]>(
      `SELECT * FROM referral_disputes WHERE organization_id = $1 AND id = $2
        ${options.lock ? 'FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toDispute(rows[0]) : null;
  }

  async disputesOf(
    em: EntityManager,
    organizationId: string,
    referralId: string,
  ): Promise<DisputeRecord[]> {
    const rows = await em.query<DisputeRow[]>(
      `SELECT * FROM referral_disputes WHERE organization_id = $1 AND referral_id = $2 ORDER BY created_at`,
      [organizationId, referralId],
    );
    return rows.map(toDispute);
  }

  async openDisputes(
    em: EntityManager,
    organizationId: string,
    take: number,
  ): Promise<DisputeRecord[]> {
    const rows = await em.query<DisputeRow[]>(
      `SELECT * FROM referral_disputes WHERE organization_id = $1 AND status = 'open'
        ORDER BY created_at, id LIMIT $2`,
      [organizationId, take],
    );
    return rows.map(toDispute);
  }

  async resolveDispute(
    tx: EntityManager,
    organizationId: string,
    id: string,
    status: 'upheld' | 'overturned',
    resolvedBy: string | null,
    note: string,
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH resolved AS (
         UPDATE referral_disputes
            SET status = $3, resolved_by = $4::uuid, resolution_note = $5, resolved_at = now(), updated_at = now()
          WHERE organization_id = $1 AND id = $2 AND status = 'open'
         RETURNING id
       )
       SELECT id FROM resolved`,
      [organizationId, id, status, resolvedBy, note],
    );
    return rows.length === 1;
  }

  /** Credit fields only (a dispute overturn), without a status change. */
  async setCredit(
    tx: EntityManager,
    organizationId: string,
    id: string,
    credit: {
      status: CreditStatus;
      rule: string;
      explanation: string;
      ownerReferralId: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE referrals SET credit_status = $3, credit_rule = $4, credit_explanation = $5,
              credit_owner_referral_id = $6::uuid, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, credit.status, credit.rule, credit.explanation, credit.ownerReferralId],
    );
  }
}
