import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Clock, type Actor, type Role } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { BatchDto, PayoutDto, PolicyDto } from './dto/payouts.dto';
import { entriesFor, validatePolicy, type PolicyDefinition } from './model';
import { PayoutLifecycle } from './payout-lifecycle.service';
import { PayoutNotices } from './payout-notices';
import {
  PayoutsRepository,
  type LedgerAccount,
  type PayoutRecord,
  type PayoutStatus,
  type PolicyRecord,
} from './payouts.repository';

const payoutsError = (
  code: string,
  message: string,
  status: number,
  details: Record<string, unknown> = {},
) => new DomainError(code, message, status, details);

function assertAnyRole(actor: Actor, ...roles: Role[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) {
    throw payoutsError('FORBIDDEN', 'You may not do this.', 403);
  }
}

function toPolicyDto(p: PolicyRecord): PolicyDto {
  return {
    id: p.id,
    version: p.version,
    definition: p.definition as Record<string, unknown>,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toPayoutDto(p: PayoutRecord): PayoutDto {
  return {
    id: p.id,
    referralId: p.referralId,
    referrer: { id: p.referrerId, name: p.referrerName },
    candidateName: p.candidateName,
    status: p.status,
    reason: p.reason,
    amount: { amountMinor: p.amountMinor, currency: p.currency },
    dueDate: p.dueDate,
    rule: {
      policyVersion: p.policyVersion,
      tranche: p.trancheIndex + 1,
      of: p.trancheCount,
      percent: p.percent,
    },
    approvals: p.approvals,
    batchId: p.batchId,
  };
}

/** Decimal string of minor units for the CSV (2 decimals; currencies with others are rare here). */
function decimal(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Bonus policies and payouts (PRODUCT.md §5). The money rules are the pure functions of ./model
 * (policy resolution, tranche split with the remainder in the last tranche, caps, ledger pairs);
 * this service applies them with compare-and-set state changes, each in the same transaction as
 * its ledger rows, and unique effect keys so a replay or a crash never writes an effect twice.
 */
@Injectable()
export class PayoutsService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly lifecycle: PayoutLifecycle,
    private readonly notices: PayoutNotices,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'PUBLIC_URL'>,
  ) {
    this.publicUrl = config.PUBLIC_URL;
  }

  // ---- policies -----------------------------------------------------------------------------

  async createPolicy(actor: Actor, body: unknown): Promise<PolicyDto> {
    assertAnyRole(actor, 'hr', 'admin');
    const checked = validatePolicy(body);
    if (!checked.ok) {
      throw new ValidationFailedError('The bonus policy is not valid.', { fields: checked.errors });
    }
    return inTransaction(this.dataSource, async (tx) => {
      const policy = await this.payouts.insertPolicy(
        tx,
        actor.organizationId,
        checked.policy,
        actor.kind === 'user' ? actor.id : null,
      );
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'bonus_policy.created',
        targetType: 'bonus_policy',
        targetId: policy.id,
        after: { version: policy.version },
      });
      return toPolicyDto(policy);
    });
  }

  async listPolicies(actor: Actor): Promise<PolicyDto[]> {
    assertAnyRole(actor, 'hr', 'admin');
    return (await this.payouts.policies(this.dataSource.manager, actor.organizationId)).map(
      toPolicyDto,
    );
  }

  // ---- HR commands --------------------------------------------------------------------------

  async list(actor: Actor, query: { status?: PayoutStatus; limit?: number }): Promise<PayoutDto[]> {
    const all = actor.roles.includes('hr') || actor.roles.includes('admin');
    if (!all && actor.kind !== 'user') return [];
    const rows = await this.payouts.list(
      this.dataSource.manager,
      actor.organizationId,
      { status: query.status ?? null, referrerId: all ? null : actor.id },
      query.limit ?? 50,
    );
    return rows.map(toPayoutDto);
  }

  /**
   * Approval, with an optional Idempotency-Key (a replay answers the first result). Above the
   * policy's threshold a second, different approver is needed (four eyes). The approval and its
   * two ledger rows are one transaction; the payout row lock serializes parallel calls.
   */
  async approve(actor: Actor, id: string, idempotencyKey: string | undefined): Promise<PayoutDto> {
    assertAnyRole(actor, 'hr');
    if (actor.kind !== 'user') throw payoutsError('FORBIDDEN', 'Approvals need a person.', 403);
    if (!isUuid(id)) throw new NotFoundError('payout');
    const org = actor.organizationId;
    const key = idempotencyKey?.trim() || null;
    if (key !== null && key.length > 200) {
      throw new ValidationFailedError('The Idempotency-Key is too long.', {
        fields: { 'idempotency-key': ['at most 200 characters'] },
      });
    }
    return inTransaction(this.dataSource, async (tx) => {
      const p = await this.payouts.find(tx, org, id.toLowerCase(), { lock: true });
      if (!p) throw new NotFoundError('payout');
      if (key !== null) {
        const seen = await this.payouts.idempotent(tx, org, key);
        if (seen) {
          if (seen.command !== 'approve' || seen.targetId !== p.id) {
            throw payoutsError(
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used for another command.',
              409,
            );
          }
          return seen.response as PayoutDto;
        }
      }
      if (p.status !== 'eligible') {
        throw payoutsError(
          'ILLEGAL_TRANSITION',
          `The payout is ${p.status}; only eligible payouts can be approved.`,
          409,
          {
            status: p.status,
          },
        );
      }
      if (p.approvals.includes(actor.id)) {
        throw payoutsError(
          'FOUR_EYES_SAME_APPROVER',
          'A second, different approver must approve this payout.',
          409,
        );
      }
      // The rules of the version the payout was created under (PRODUCT.md §5).
      const policy = await this.payouts.policyById(tx, org, p.policyId);
      const threshold =
        (policy?.definition as PolicyDefinition | undefined)?.approvalThreshold ?? null;
      // A threshold in another currency cannot be compared: four eyes, to be safe.
      const needed =
        threshold === null
          ? 1
          : threshold.currency !== p.currency || p.amountMinor > threshold.amountMinor
            ? 2
            : 1;
      await this.payouts.addApproval(tx, p.id, actor.id);
      let status: PayoutStatus = 'eligible';
      if (p.approvals.length + 1 >= needed) {
        if (!(await this.payouts.move(tx, org, p.id, 'eligible', 'approved'))) {
          throw payoutsError('ILLEGAL_TRANSITION', 'The payout changed meanwhile.', 409);
        }
        await this.payouts.post(
          tx,
          org,
          entriesFor({
            payoutId: p.id,
            effect: 'approve',
            amount: { amountMinor: p.amountMinor, currency: p.currency },
          }),
          {
            payoutId: p.id,
            batchId: null,
          },
        );
        status = 'approved';
        await this.notices.approved(tx, p);
      }
      const response = toPayoutDto({ ...p, status, approvals: [...p.approvals, actor.id] });
      if (key !== null) {
        await this.payouts.saveIdempotent(tx, org, {
          key,
          command: 'approve',
          targetId: p.id,
          actorId: actor.id,
          response,
        });
      }
      await this.audit.record(tx, {
        organizationId: org,
        actor,
        action: 'payout.approved',
        targetType: 'payout',
        targetId: p.id,
        before: { status: p.status, approvals: p.approvals.length },
        after: { status, approvals: p.approvals.length + 1, needed },
      });
      return response;
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<PayoutDto> {
    assertAnyRole(actor, 'hr');
    if (!isUuid(id)) throw new NotFoundError('payout');
    return inTransaction(this.dataSource, async (tx) => {
      const p = await this.payouts.find(tx, actor.organizationId, id.toLowerCase(), { lock: true });
      if (!p) throw new NotFoundError('payout');
      if (!(await this.lifecycle.cancelOne(tx, p, reason.trim()))) {
        throw payoutsError(
          'ILLEGAL_TRANSITION',
          `The payout is ${p.status} and cannot be cancelled.`,
          409,
          { status: p.status },
        );
      }
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'payout.cancelled',
        targetType: 'payout',
        targetId: p.id,
        before: { status: p.status },
        after: { status: 'cancelled', reason: reason.trim() },
      });
      return toPayoutDto({ ...p, status: 'cancelled', reason: reason.trim() });
    });
  }

  /** Collects every approved tranche into a new batch; parallel batches never share one. */
  async createBatch(actor: Actor): Promise<BatchDto> {
    assertAnyRole(actor, 'hr');
    const org = actor.organizationId;
    return inTransaction(this.dataSource, async (tx) => {
      const batch = await this.payouts.createBatch(
        tx,
        org,
        actor.kind === 'user' ? actor.id : null,
      );
      if (!batch)
        throw payoutsError('NOTHING_TO_EXPORT', 'There are no approved payouts to export.', 409);
      for (const payoutId of batch.payoutIds) {
        if (
          !(await this.payouts.move(tx, org, payoutId, 'approved', 'exported', {
            batchId: batch.id,
          }))
        ) {
          throw new Error('a locked approved payout changed inside its transaction');
        }
      }
      await this.audit.record(tx, {
        organizationId: org,
        actor,
        action: 'payroll_batch.created',
        targetType: 'payroll_batch',
        targetId: batch.id,
        after: { payouts: batch.payoutIds.length },
      });
      return this.batchDto(batch.id, 'exported', batch.payoutIds.length);
    });
  }

  /** The batch as CSV: employee id, name, amount, currency, reference, referral id. */
  async csv(actor: Actor, batchId: string): Promise<string> {
    assertAnyRole(actor, 'hr');
    if (!isUuid(batchId)) throw new NotFoundError('payroll batch');
    const em = this.dataSource.manager;
    const batch = await this.payouts.batch(em, actor.organizationId, batchId.toLowerCase());
    if (!batch) throw new NotFoundError('payroll batch');
    const rows = await this.payouts.batchPayouts(em, actor.organizationId, batch.id);
    return stringify(
      rows.map((p) => [
        p.referrerId,
        p.referrerName,
        decimal(p.amountMinor),
        p.currency,
        `payout:${p.id}`,
        p.referralId,
      ]),
      {
        header: true,
        columns: ['employee_id', 'name', 'amount', 'currency', 'reference', 'referral_id'],
      },
    );
  }

  /** Idempotent: the second call (or a concurrent one) finds the batch paid and changes nothing. */
  async markPaid(actor: Actor, batchId: string): Promise<BatchDto> {
    assertAnyRole(actor, 'hr');
    if (!isUuid(batchId)) throw new NotFoundError('payroll batch');
    const org = actor.organizationId;
    return inTransaction(this.dataSource, async (tx) => {
      const batch = await this.payouts.batch(tx, org, batchId.toLowerCase(), true);
      if (!batch) throw new NotFoundError('payroll batch');
      if (batch.status === 'paid') return this.batchDto(batch.id, 'paid', batch.payoutCount);
      await this.payouts.markBatchPaid(tx, org, batch.id);
      const paidOn = this.clock.now().toISOString().slice(0, 10);
      for (const p of await this.payouts.batchPayouts(tx, org, batch.id)) {
        if (await this.payouts.move(tx, org, p.id, 'exported', 'paid')) {
          await this.notices.paid(tx, p, paidOn);
          await this.payouts.post(
            tx,
            org,
            entriesFor({
              payoutId: p.id,
              effect: 'pay',
              amount: { amountMinor: p.amountMinor, currency: p.currency },
            }),
            {
              payoutId: p.id,
              batchId: batch.id,
            },
          );
        }
      }
      await this.audit.record(tx, {
        organizationId: org,
        actor,
        action: 'payroll_batch.paid',
        targetType: 'payroll_batch',
        targetId: batch.id,
      });
      return this.batchDto(batch.id, 'paid', batch.payoutCount);
    });
  }

  async ledger(actor: Actor, q: { account?: LedgerAccount; from?: string; to?: string }) {
    assertAnyRole(actor, 'hr');
    const em = this.dataSource.manager;
    const entries = await this.payouts.ledger(
      em,
      actor.organizationId,
      {
        account: q.account ?? null,
        from: q.from ? new Date(q.from) : null,
        to: q.to ? new Date(q.to) : null,
      },
      1000,
    );
    const balances = await this.payouts.balances(em, actor.organizationId);
    return {
      entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      balances: balances.map((b) => ({ ...b, balanceMinor: b.debitMinor - b.creditMinor })),
    };
  }

  async forecast(actor: Actor, months: number) {
    assertAnyRole(actor, 'hr');
    const today = this.clock.now().toISOString().slice(0, 10);
    return {
      from: today.slice(0, 7),
      months,
      items: await this.payouts.forecast(
        this.dataSource.manager,
        actor.organizationId,
        today,
        months,
      ),
    };
  }

  private batchDto(id: string, status: 'exported' | 'paid', payoutCount: number): BatchDto {
    return {
      id,
      status,
      payoutCount,
      csvUrl: new URL(`/api/v1/payroll-batches/${id}.csv`, this.publicUrl).toString(),
    };
  }
}
