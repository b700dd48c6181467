import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { NotificationsService } from '@peerline/notifications';
import type { EntityManager } from 'typeorm';
import type { PayoutRecord } from './payouts.repository';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** "first tranche (50%)", or "bonus (100%)" when the policy pays in one go. */
export function trancheLabel(p: Pick<PayoutRecord, 'trancheIndex' | 'trancheCount' | 'percent'>) {
  if (p.trancheCount <= 1) return `bonus (${p.percent}%)`;
  const ordinal = ORDINALS[p.trancheIndex];
  const which = ordinal
    ? `${ordinal} tranche`
    : `tranche ${p.trancheIndex + 1} of ${p.trancheCount}`;
  return `${which} (${p.percent}%)`;
}

/**
 * What the referrer hears about their money: approved, paid, cancelled or forfeited. Each notice
 * is queued in the transaction of the state change it reports, keyed by payout and outcome, so a
 * replayed approval or a re-run maturity job never sends it twice.
 */
@Injectable()
export class PayoutNotices {
  private readonly payoutsUrl: string;

  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.payoutsUrl = new URL('/payouts', config.WEB_URL).toString();
  }

  async approved(tx: EntityManager, p: PayoutRecord): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: p.organizationId,
      template: 'payout.approved',
      recipientUserId: p.referrerId,
      idempotencyKey: `payout.approved:${p.id}`,
      params: { ...this.common(p), expectedPayDate: null },
    });
  }

  async paid(tx: EntityManager, p: PayoutRecord, paidOn: string): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: p.organizationId,
      template: 'payout.paid',
      recipientUserId: p.referrerId,
      idempotencyKey: `payout.paid:${p.id}`,
      params: { ...this.common(p), paidOn },
    });
  }

  async ended(
    tx: EntityManager,
    p: PayoutRecord,
    outcome: 'cancelled' | 'forfeited',
    reason: string,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: p.organizationId,
      template: 'payout.ended',
      recipientUserId: p.referrerId,
      // A payout ends once (compare-and-set from a live state), so one key per payout.
      idempotencyKey: `payout.ended:${p.id}`,
      params: { ...this.common(p), outcome, reason },
    });
  }

  private common(p: PayoutRecord) {
    return {
      referrerName: p.referrerName,
      candidateName: p.candidateName ?? 'your candidate',
      amount: { amountMinor: p.amountMinor, currency: p.currency },
      trancheLabel: trancheLabel(p),
      payoutUrl: this.payoutsUrl,
    };
  }
}
