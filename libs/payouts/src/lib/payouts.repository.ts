import { Injectable } from '@nestjs/common';
import { lockKey } from '@peerline/db';
import type { EntityManager } from 'typeorm';

export type PayoutStatus =
  'scheduled' | 'eligible' | 'approved' | 'exported' | 'paid' | 'forfeited' | 'cancelled';

export type LedgerAccount = 'bonus_expense' | 'bonus_payable' | 'cash';

export interface PolicyRecord {
  id: string;
  organizationId: string;
  version: number;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
}

export interface PayoutRecord {
  id: string;
  organizationId: string;
  referralId: string;
  referrerId: string;
  referrerName: string;
  referrerEmail: string;
  referrerActive: boolean;
  /** The referred candidate's name, for the referrer's notices and HR's list. */
  candidateName: string | null;
  policyId: string;
  policyVersion: number;
  trancheIndex: number;
  trancheCount: number;
  percent: number;
  amountMinor: number;
  currency: string;
  startDate: string;
  dueDate: string;
  status: PayoutStatus;
  reason: string | null;
  batchId: string | null;
  approvals: string[];
  approvedAt: Date | null;
  paidAt: Date | null;
  createdAt: Date;
}

interface PolicyRow {
  id: string;
  organization_id: string;
  version: number;
  definition: unknown;
  created_by: string | null;
  created_at: Date;
}

function toPolicy(r: PolicyRow): PolicyRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    version: r.version,
    definition: r.definition,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

interface PayoutRow {
  id: string;
  organization_id: string;
  referral_id: string;
  referrer_id: string;
  referrer_name: string;
  referrer_email: string;
  referrer_active: boolean;
  candidate_name: string | null;
  policy_id: string;
  policy_version: number;
  tranche_index: number;
  tranche_count: number;
  percent: number;
  amount_minor: string;
  currency: string;
  start_date: string;
  due_date: string;
  status: PayoutStatus;
  reason: string | null;
  batch_id: string | null;
  approvals: string[];
  approved_at: Date | null;
  paid_at: Date | null;
  created_at: Date;
}

const PAYOUT_COLUMNS = `p.id, p.organization_id, p.referral_id, p.referrer_id, u.name AS referrer_name,
  u.email AS referrer_email, u.is_active AS referrer_active,
  (SELECT r.candidate_name FROM referrals r WHERE r.id = p.referral_id) AS candidate_name,
  p.policy_id, p.policy_version,
  p.tranche_index, p.tranche_count, p.percent, p.amount_minor::text AS amount_minor, p.currency,
  p.start_date::text AS start_date, p.due_date::text AS due_date, p.status, p.reason, p.batch_id,
  ARRAY(SELECT a.approver_id::text FROM payout_approvals a WHERE a.payout_id = p.id ORDER BY a.created_at)
    AS approvals,
  p.approved_at, p.paid_at, p.created_at`;

const PAYOUT_FROM = `payouts p
  JOIN users u ON u.organization_id = p.organization_id AND u.id = p.referrer_id`;

function toPayout(r: PayoutRow): PayoutRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    referralId: r.referral_id,
    referrerId: r.referrer_id,
    referrerName: r.referrer_name,
    referrerEmail: r.referrer_email,
    referrerActive: r.referrer_active,
    candidateName: r.candidate_name,
    policyId: r.policy_id,
    policyVersion: r.policy_version,
    trancheIndex: r.tranche_index,
    trancheCount: r.tranche_count,
    percent: r.percent,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    startDate: r.start_date,
    dueDate: r.due_date,
    status: r.status,
    reason: r.reason,
    batchId: r.batch_id,
    approvals: r.approvals,
    approvedAt: r.approved_at,
    paidAt: r.paid_at,
    createdAt: r.created_at,
  };
}

/** A ledger row as the model (./model/ledger) produces it. */
export interface LedgerRow {
  key: string;
  account: LedgerAccount;
  debitMinor: number;
  creditMinor: number;
  currency: string;
}

/**
 * SQL of payouts: policies (versions), tranche payouts, approvals, idempotency keys, payroll
 * batches and the append-only ledger. Every state change is a compare-and-set on the status.
 */
@Injectable()
export class PayoutsRepository {
  // ---- policies -----------------------------------------------------------------------------

  async insertPolicy(
    tx: EntityManager,
    organizationId: string,
    definition: unknown,
    createdBy: string | null,
  ): Promise<PolicyRecord> {
    // The organization row serializes concurrent edits, so versions never collide.
    await tx.query(`SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE`, [organizationId]);
    const rows = await tx.query<PolicyRow[]>(
      `INSERT INTO bonus_policies (organization_id, version, definition, created_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3::uuid FROM bonus_policies WHERE organization_id = $1
       RETURNING *`,
      [organizationId, JSON.stringify(definition), createdBy],
    );
    const r = rows[0];
    if (!r) throw new Error('policy insert returned nothing');
    return toPolicy(r);
  }

  /** The version in force at `at` (the newest created at or before it), or null. */
  async policyAt(
    em: EntityManager,
    organizationId: string,
    at: Date | null,
  ): Promise<PolicyRecord | null> {
    const rows = await em.query<PolicyRow[]>(
      `SELECT * FROM bonus_policies
        WHERE organization_id = $1 AND ($2::timestamptz IS NULL OR created_at <= $2)
        ORDER BY version DESC LIMIT 1`,
      [organizationId, at],
    );
    const r = rows[0];
    return r ? toPolicy(r) : null;
  }

  /** The version a payout was created under (its rules stay with it). */
  async policyById(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<PolicyRecord | null> {
    const rows = await em.query<PolicyRow[]>(
      `SELECT * FROM bonus_policies WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    const r = rows[0];
    return r ? toPolicy(r) : null;
  }

  async policies(em: EntityManager, organizationId: string): Promise<PolicyRecord[]> {
    const rows = await em.query<PolicyRow[]>(
      `SELECT * FROM bonus_policies WHERE organization_id = $1 ORDER BY version DESC LIMIT 50`,
      [organizationId],
    );
    return rows.map(toPolicy);
  }

  // ---- payouts ------------------------------------------------------------------------------

  /** One row per tranche; a replayed hire event inserts nothing (unique referral + tranche). */
  async insertTranches(
    tx: EntityManager,
    organizationId: string,
    rows: {
      referralId: string;
      referrerId: string;
      policyId: string;
      policyVersion: number;
      trancheIndex: number;
      trancheCount: number;
      percent: number;
      amountMinor: number;
      currency: string;
      startDate: string;
      dueDate: string;
      /** `forfeited` (with its reason) for a tranche the yearly cap left at zero. */
      status: 'scheduled' | 'forfeited';
      reason: string | null;
    }[],
  ): Promise<number> {
    let inserted = 0;
    for (const t of rows) {
      const r = await tx.query<{ id: string }[]>(
        `INSERT INTO payouts (organization_id, referral_id, referrer_id, policy_id, policy_version,
             tranche_index, tranche_count, percent, amount_minor, currency, start_date, due_date,
             status, reason, matured_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13, $14,
             CASE WHEN $13 = 'forfeited' THEN now() END)
         ON CONFLICT (referral_id, tranche_index) DO NOTHING
         RETURNING id`,
        [
          organizationId,
          t.referralId,
          t.referrerId,
          t.policyId,
          t.policyVersion,
          t.trancheIndex,
          t.trancheCount,
          t.percent,
          t.amountMinor,
          t.currency,
          t.startDate,
          t.dueDate,
          t.status,
          t.reason,
        ],
      );
      inserted += r.length;
    }
    return inserted;
  }

  async find(
    em: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<PayoutRecord | null> {
    const rows = await em.query<PayoutRow[]>(
      `SELECT ${PAYOUT_COLUMNS} FROM ${PAYOUT_FROM}
        WHERE p.organization_id = $1 AND p.id = $2 ${options.lock ? 'FOR UPDATE OF p' : ''}`,
      [organizationId, id],
    );
    return rows[0] ? toPayout(rows[0]) : null;
  }

  async ofReferral(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
    lock = false,
  ): Promise<PayoutRecord[]> {
    const rows = await tx.query<PayoutRow[]>(
      `SELECT ${PAYOUT_COLUMNS} FROM ${PAYOUT_FROM}
        WHERE p.organization_id = $1 AND p.referral_id = $2 ORDER BY p.tranche_index
        ${lock ? 'FOR UPDATE OF p' : ''}`,
      [organizationId, referralId],
    );
    return rows.map(toPayout);
  }

  async list(
    em: EntityManager,
    organizationId: string,
    filter: { status: PayoutStatus | null; referrerId: string | null },
    take: number,
  ): Promise<PayoutRecord[]> {
    const rows = await em.query<PayoutRow[]>(
      `SELECT ${PAYOUT_COLUMNS} FROM ${PAYOUT_FROM}
        WHERE p.organization_id = $1 AND ($2::text IS NULL OR p.status = $2)
          AND ($3::uuid IS NULL OR p.referrer_id = $3)
        ORDER BY p.due_date, p.id LIMIT $4`,
      [organizationId, filter.status, filter.referrerId, take],
    );
    return rows.map(toPayout);
  }

  /** Scheduled tranches due on or before `today`, across organizations, after a keyset cursor. */
  async dueScheduled(
    em: EntityManager,
    today: string,
    take: number,
    after: { dueDate: string; id: string } | null = null,
  ): Promise<{ organizationId: string; id: string; dueDate: string }[]> {
    const rows = await em.query<{ organization_id: string; id: string; due_date: string }[]>(
      `SELECT organization_id, id, due_date::text AS due_date FROM payouts
        WHERE status = 'scheduled' AND due_date <= $1::date
          AND ($2::date IS NULL OR (due_date, id) > ($2::date, $3::uuid))
        ORDER BY due_date, id LIMIT $4`,
      [today, after?.dueDate ?? null, after?.id ?? null, take],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, id: r.id, dueDate: r.due_date }));
  }

  /** Compare-and-set: true only for the call that moved the payout from `from`. */
  async move(
    tx: EntityManager,
    organizationId: string,
    id: string,
    from: PayoutStatus,
    to: PayoutStatus,
    set: { reason?: string | null; batchId?: string } = {},
  ): Promise<boolean> {
    const stamps: Partial<Record<PayoutStatus, string>> = {
      eligible: 'matured_at = now()',
      forfeited: 'matured_at = now()',
      approved: 'approved_at = now()',
      exported: 'exported_at = now()',
      paid: 'paid_at = now()',
    };
    const extra = [stamps[to]].filter((x): x is string => !!x);
    const rows = await tx.query<{ id: string }[]>(
      `WITH moved AS (
         UPDATE payouts SET status = $4, updated_at = now(),
                reason = CASE WHEN $5::boolean THEN $6 ELSE reason END,
                batch_id = coalesce($7::uuid, batch_id)
                ${extra.length > 0 ? `, ${extra.join(', ')}` : ''}
          WHERE organization_id = $1 AND id = $2 AND status = $3
         RETURNING id
       )
       SELECT id FROM moved`,
      [organizationId, id, from, to, 'reason' in set, set.reason ?? null, set.batchId ?? null],
    );
    return rows.length === 1;
  }

  /** One approval per approver; false when this approver approved before. */
  async addApproval(tx: EntityManager, payoutId: string, approverId: string): Promise<boolean> {
    const rows = await tx.query<{ payout_id: string }[]>(
      `INSERT INTO payout_approvals (payout_id, approver_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING payout_id`,
      [payoutId, approverId],
    );
    return rows.length === 1;
  }

  // ---- idempotency --------------------------------------------------------------------------

  async idempotent(
    em: EntityManager,
    organizationId: string,
    key: string,
  ): Promise<{ command: string; targetId: string; response: unknown } | null> {
    const rows = await em.query<{ command: string; target_id: string; response: unknown }[]>(
      `SELECT command, target_id, response FROM money_idempotency_keys WHERE organization_id = $1 AND key = $2`,
      [organizationId, key],
    );
    const r = rows[0];
    return r ? { command: r.command, targetId: r.target_id, response: r.response } : null;
  }

  async saveIdempotent(
    tx: EntityManager,
    organizationId: string,
    entry: {
      key: string;
      command: string;
      targetId: string;
      actorId: string | null;
      response: unknown;
    },
  ): Promise<boolean> {
    const rows = await tx.query<{ key: string }[]>(
      `INSERT INTO money_idempotency_keys (organization_id, key, command, target_id, actor_id, response)
       VALUES ($1, $2, $3, $4, $5::uuid, $6::jsonb)
       ON CONFLICT DO NOTHING RETURNING key`,
      [
        organizationId,
        entry.key,
        entry.command,
        entry.targetId,
        entry.actorId,
        JSON.stringify(entry.response),
      ],
    );
    return rows.length === 1;
  }

  // ---- ledger -------------------------------------------------------------------------------

  /** Inserts an effect's rows once (unique effect key + account); returns the rows written. */
  async post(
    tx: EntityManager,
    organizationId: string,
    rows: readonly LedgerRow[],
    refs: { payoutId: string | null; batchId: string | null },
  ): Promise<number> {
    let written = 0;
    for (const r of rows) {
      const out = await tx.query<{ id: string }[]>(
        `INSERT INTO ledger_entries (organization_id, effect_key, account, debit_minor, credit_minor,
             currency, payout_id, batch_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid, $8::uuid)
         ON CONFLICT (effect_key, account) DO NOTHING
         RETURNING id`,
        [
          organizationId,
          r.key,
          r.account,
          r.debitMinor,
          r.creditMinor,
          r.currency,
          refs.payoutId,
          refs.batchId,
        ],
      );
      written += out.length;
    }
    return written;
  }

  async ledger(
    em: EntityManager,
    organizationId: string,
    filter: { account: LedgerAccount | null; from: Date | null; to: Date | null },
    take: number,
  ): Promise<
    {
      id: string;
      effectKey: string;
      account: LedgerAccount;
      debitMinor: number;
      creditMinor: number;
      currency: string;
      payoutId: string | null;
      batchId: string | null;
      createdAt: Date;
    }[]
  > {
    const rows = await em.query<
      {
        id: string;
        effect_key: string;
        account: LedgerAccount;
        debit_minor: string;
        credit_minor: string;
        currency: string;
        payout_id: string | null;
        batch_id: string | null;
        created_at: Date;
      }[]
    >(
      `SELECT id::text, effect_key, account, debit_minor::text, credit_minor::text, currency, payout_id, batch_id, created_at
         FROM ledger_entries
        WHERE organization_id = $1 AND ($2::text IS NULL OR account = $2)
          AND ($3::timestamptz IS NULL OR created_at >= $3) AND ($4::timestamptz IS NULL OR created_at < $4)
        ORDER BY id LIMIT $5`,
      [organizationId, filter.account, filter.from, filter.to, take],
    );
    return rows.map((r) => ({
      id: r.id,
      effectKey: r.effect_key,
      account: r.account,
      debitMinor: Number(r.debit_minor),
      creditMinor: Number(r.credit_minor),
      currency: r.currency,
      payoutId: r.payout_id,
      batchId: r.batch_id,
      createdAt: r.created_at,
    }));
  }

  async balances(
    em: EntityManager,
    organizationId: string,
  ): Promise<
    { account: LedgerAccount; currency: string; debitMinor: number; creditMinor: number }[]
  > {
    const rows = await em.query<
      { account: LedgerAccount; currency: string; debit: string; credit: string }[]
    >(
      `SELECT account, currency, sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
         FROM ledger_entries WHERE organization_id = $1 GROUP BY account, currency ORDER BY account, currency`,
      [organizationId],
    );
    return rows.map((r) => ({
      account: r.account,
      currency: r.currency,
      debitMinor: Number(r.debit),
      creditMinor: Number(r.credit),
    }));
  }

  // ---- payroll batches ----------------------------------------------------------------------

  /**
   * A new batch takes every approved tranche of the organization that no other batch holds:
   * the rows are locked with SKIP LOCKED, so two batches created at once never share one.
   */
  async createBatch(
    tx: EntityManager,
    organizationId: string,
    createdBy: string | null,
  ): Promise<{ id: string; payoutIds: string[] } | null> {
    const picked = await tx.query<{ id: string }[]>(
      `SELECT id FROM payouts WHERE organization_id = $1 AND status = 'approved'
        ORDER BY due_date, id FOR UPDATE SKIP LOCKED`,
      [organizationId],
    );
    if (picked.length === 0) return null;
    const batch = await tx.query<{ id: string }[]>(
      `INSERT INTO payroll_batches (organization_id, payout_count, created_by) VALUES ($1, $2, $3::uuid) RETURNING id`,
      [organizationId, picked.length, createdBy],
    );
    const id = batch[0]?.id;
    if (!id) throw new Error('batch insert returned nothing');
    return { id, payoutIds: picked.map((p) => p.id) };
  }

  async batch(
    em: EntityManager,
    organizationId: string,
    id: string,
    lock = false,
  ): Promise<{
    id: string;
    status: 'exported' | 'paid';
    payoutCount: number;
    createdAt: Date;
    paidAt: Date | null;
  } | null> {
    const rows = await em.query<
      {
        id: string;
        status: 'exported' | 'paid';
        payout_count: number;
        created_at: Date;
        paid_at: Date | null;
      }[]
    >(
      `SELECT id, status, payout_count, created_at, paid_at FROM payroll_batches
        WHERE organization_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          status: r.status,
          payoutCount: r.payout_count,
          createdAt: r.created_at,
          paidAt: r.paid_at,
        }
      : null;
  }

  async batchPayouts(
    em: EntityManager,
    organizationId: string,
    batchId: string,
  ): Promise<PayoutRecord[]> {
    const rows = await em.query<PayoutRow[]>(
      `SELECT ${PAYOUT_COLUMNS} FROM ${PAYOUT_FROM}
        WHERE p.organization_id = $1 AND p.batch_id = $2 ORDER BY p.due_date, p.id`,
      [organizationId, batchId],
    );
    return rows.map(toPayout);
  }

  async markBatchPaid(
    tx: EntityManager,
    organizationId: string,
    batchId: string,
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH paid AS (
         UPDATE payroll_batches SET status = 'paid', paid_at = now()
          WHERE organization_id = $1 AND id = $2 AND status = 'exported'
         RETURNING id
       )
       SELECT id FROM paid`,
      [organizationId, batchId],
    );
    return rows.length === 1;
  }

  /** Scheduled (and not yet paid) amounts per month ahead, per currency. */
  async forecast(
    em: EntityManager,
    organizationId: string,
    fromDate: string,
    months: number,
  ): Promise<{ month: string; currency: string; amountMinor: number; count: number }[]> {
    const rows = await em.query<{ month: string; currency: string; amount: string; n: number }[]>(
      `SELECT to_char(date_trunc('month', due_date), 'YYYY-MM') AS month, currency,
              sum(amount_minor)::text AS amount, count(*)::int AS n
         FROM payouts
        WHERE organization_id = $1 AND status IN ('scheduled', 'eligible', 'approved', 'exported')
          AND due_date >= date_trunc('month', $2::date)
          AND due_date < date_trunc('month', $2::date) + make_interval(months => $3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [organizationId, fromDate, months],
    );
    return rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      amountMinor: Number(r.amount),
      count: r.n,
    }));
  }

  /** Facts for the hire: the referral (status, start date, submitted) and the referrer. */
  async referralForPayout(
    em: EntityManager,
    referralId: string,
  ): Promise<{
    organizationId: string;
    id: string;
    type: 'conversation' | 'warm' | 'cold';
    referrerId: string;
    department: string | null;
    level: string | null;
    submittedAt: Date | null;
    startDate: string | null;
    hired: boolean;
    creditStatus: string | null;
  } | null> {
    // Read-only use of the referrals lib's tables (payouts → referrals is the allowed direction).
    const rows = await em.query<
      {
        organization_id: string;
        id: string;
        type: 'conversation' | 'warm' | 'cold';
        referrer_id: string;
        department: string | null;
        level: string | null;
        submitted_at: Date | null;
        start_date: string | null;
        hired: boolean;
        credit_status: string | null;
      }[]
    >(
      `SELECT r.organization_id, r.id, r.type, r.referrer_id, j.department, j.level, r.submitted_at,
              r.start_date::text AS start_date, (r.hired_at IS NOT NULL AND r.unhired_at IS NULL) AS hired,
              r.credit_status
         FROM referrals r JOIN jobs j ON j.organization_id = r.organization_id AND j.id = r.job_id
        WHERE r.id = $1`,
      [referralId],
    );
    const r = rows[0];
    return r
      ? {
          organizationId: r.organization_id,
          id: r.id,
          type: r.type,
          referrerId: r.referrer_id,
          department: r.department,
          level: r.level,
          submittedAt: r.submitted_at,
          startDate: r.start_date,
          hired: r.hired,
          creditStatus: r.credit_status,
        }
      : null;
  }

  /** Paid or scheduled amounts of this referrer in the calendar year of `date` (the cap). */
  /**
   * Serializes scheduling for one referrer (transaction-scoped advisory lock): two hires of the
   * same referrer processed at once would otherwise both read the yearly total before either
   * inserted, and together pass the cap.
   */
  async lockReferrer(tx: EntityManager, organizationId: string, referrerId: string): Promise<void> {
    await lockKey(tx, `payouts.referrer:${organizationId}:${referrerId}`);
  }

  async referrerYearTotal(
    em: EntityManager,
    organizationId: string,
    referrerId: string,
    date: string,
    currency: string,
  ): Promise<number> {
    const rows = await em.query<{ total: string | null }[]>(
      `SELECT sum(amount_minor)::text AS total FROM payouts
        WHERE organization_id = $1 AND referrer_id = $2 AND currency = $4
          AND status NOT IN ('forfeited', 'cancelled')
          AND date_trunc('year', start_date) = date_trunc('year', $3::date)`,
      [organizationId, referrerId, date, currency],
    );
    return Number(rows[0]?.total ?? 0);
  }
}
