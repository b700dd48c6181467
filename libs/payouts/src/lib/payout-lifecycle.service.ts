import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { DataSource, type EntityManager } from 'typeorm';
import { applyCap, bonusFor, entriesFor, splitTranches, type PolicyDefinition } from './model';
import { PayoutNotices } from './payout-notices';
import { PayoutsRepository, type PayoutRecord, type PayoutStatus } from './payouts.repository';

const CAP_REACHED = 'The referrer’s yearly bonus cap was reached.';

/**
 * What happens to tranches without an HR click, shared by the api and the worker: scheduling from
 * a hire, cancelling on an un-hire, maturing on the due date.
 */
@Injectable()
export class PayoutLifecycle {
  private readonly logger = new Logger(PayoutLifecycle.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
    private readonly clock: Clock,
    private readonly notices: PayoutNotices,
  ) {}

  // ---- the hire starts the money ------------------------------------------------------------

  /**
   * One payout per tranche for a credited, hired referral, with due dates from the ATS start
   * date, under the policy version in force when the referral was submitted. A replay inserts
   * nothing (unique referral + tranche).
   */
  async scheduleForHire(referralId: string): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.payouts.referralForPayout(tx, referralId);
      if (!referral || referral.creditStatus !== 'credited' || !referral.hired) return 0;
      if (!referral.startDate) {
        this.logger.warn(`referral ${referralId} hired without a start date: no tranches yet`);
        return 0;
      }
      const policy =
        (await this.payouts.policyAt(tx, referral.organizationId, referral.submittedAt)) ??
        // No version existed at submission: the first one the organization wrote applies.
        (await this.payouts.policyAt(tx, referral.organizationId, null));
      if (!policy) {
        this.logger.warn(`organization of referral ${referralId} has no bonus policy`);
        return 0;
      }
      const definition = policy.definition as PolicyDefinition;
      await this.payouts.lockReferrer(tx, referral.organizationId, referral.referrerId);
      const { amount } = bonusFor(definition, {
        type: referral.type,
        department: referral.department,
        level: referral.level,
      });
      const already = await this.payouts.referrerYearTotal(
        tx,
        referral.organizationId,
        referral.referrerId,
        referral.startDate,
        amount.currency,
      );
      const capped = applyCap(
        amount,
        { amountMinor: already, currency: amount.currency },
        definition.capPerReferrerPerYear,
      );
      const tranches = splitTranches(capped, definition.tranches, referral.startDate);
      return this.payouts.insertTranches(
        tx,
        referral.organizationId,
        tranches.map((t) => ({
          referralId: referral.id,
          referrerId: referral.referrerId,
          policyId: policy.id,
          policyVersion: policy.version,
          trancheIndex: t.index,
          trancheCount: tranches.length,
          percent: t.percent,
          amountMinor: t.amount.amountMinor,
          currency: t.amount.currency,
          startDate: referral.startDate ?? t.dueDate,
          dueDate: t.dueDate,
          // Nothing left under the cap: recorded, so HR and the referrer see why, but never due.
          ...(t.amount.amountMinor === 0
            ? { status: 'forfeited' as const, reason: CAP_REACHED }
            : { status: 'scheduled' as const, reason: null }),
        })),
      );
    });
  }

  /** An un-hire cancels every tranche not yet exported; approved ones are reversed in the ledger. */
  async cancelForUnhire(referralId: string): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.payouts.referralForPayout(tx, referralId);
      if (!referral) return 0;
      const rows = await this.payouts.ofReferral(tx, referral.organizationId, referralId, true);
      let cancelled = 0;
      for (const p of rows) {
        if (await this.cancelOne(tx, p, 'The hire was reversed in the ATS (un-hire).')) cancelled++;
      }
      return cancelled;
    });
  }

  /**
   * Due tranches: `eligible` when the conditions hold on the due date (referrer still employed,
   * hire still employed), else `forfeited` with the reason. Each payout in its own transaction,
   * compare-and-set from `scheduled`, so overlapping runs or a killed worker decide each once.
   * Walks every due tranche in pages (keyset on due date and id, each visited once per run), so a
   * backlog — after downtime, or a large hiring month — is cleared by one run.
   */
  async matureDue(
    today: string = this.clock.now().toISOString().slice(0, 10),
    pageSize = 500,
  ): Promise<{ eligible: number; forfeited: number }> {
    const result = { eligible: 0, forfeited: 0 };
    let after: { dueDate: string; id: string } | null = null;
    for (;;) {
      const due = await this.payouts.dueScheduled(this.dataSource.manager, today, pageSize, after);
      for (const { organizationId, id } of due) {
        const outcome = await this.matureOne(organizationId, id);
        if (outcome === 'eligible') result.eligible++;
        if (outcome === 'forfeited') result.forfeited++;
      }
      const last = due.at(-1);
      if (!last || due.length < pageSize) return result;
      after = { dueDate: last.dueDate, id: last.id };
    }
  }

  private async matureOne(organizationId: string, id: string): Promise<PayoutStatus | null> {
    return inTransaction(this.dataSource, async (tx) => {
      const p = await this.payouts.find(tx, organizationId, id, { lock: true });
      if (!p || p.status !== 'scheduled') return null;
      const referral = await this.payouts.referralForPayout(tx, p.referralId);
      const policy = await this.payouts.policyById(tx, organizationId, p.policyId);
      const conditions = (policy?.definition as PolicyDefinition | undefined)?.conditions ?? {
        referrerEmployed: true,
        hireEmployed: true,
      };
      let reason: string | null = null;
      if (conditions.referrerEmployed && !p.referrerActive)
        reason = 'The referrer has left the company.';
      if (conditions.hireEmployed && !referral?.hired) reason = 'The hire is no longer employed.';
      const to: PayoutStatus = reason === null ? 'eligible' : 'forfeited';
      const moved = await this.payouts.move(
        tx,
        organizationId,
        id,
        'scheduled',
        to,
        reason === null ? {} : { reason },
      );
      if (!moved) return null;
      if (reason !== null) await this.notices.ended(tx, p, 'forfeited', reason);
      return to;
    });
  }

  /** Cancels a not-yet-exported tranche; an approved one gets its reversing ledger pair. */
  async cancelOne(tx: EntityManager, p: PayoutRecord, reason: string): Promise<boolean> {
    if (!['scheduled', 'eligible', 'approved'].includes(p.status)) return false;
    if (!(await this.payouts.move(tx, p.organizationId, p.id, p.status, 'cancelled', { reason })))
      return false;
    await this.notices.ended(tx, p, 'cancelled', reason);
    if (p.status === 'approved') {
      await this.payouts.post(
        tx,
        p.organizationId,
        entriesFor({
          payoutId: p.id,
          effect: 'cancel',
          amount: { amountMinor: p.amountMinor, currency: p.currency },
        }),
        {
          payoutId: p.id,
          batchId: null,
        },
      );
    }
    return true;
  }
}
