import { Injectable, Logger } from '@nestjs/common';
import type { JobPayloads } from '@peerline/contracts';
import {
  ProcessesJob,
  RunsOnSchedule,
  type JobProcessor,
  type ScheduledJobHandler,
} from '@peerline/queue';
import { PayoutLifecycle } from '../payout-lifecycle.service';

/** A credited referral was hired: one scheduled payout per tranche (idempotent). */
@Injectable()
@ProcessesJob('payouts.schedule-tranches')
export class ScheduleTranchesProcessor implements JobProcessor<'payouts.schedule-tranches'> {
  constructor(private readonly payouts: PayoutLifecycle) {}

  async handle({ referralId }: JobPayloads['payouts.schedule-tranches']): Promise<void> {
    await this.payouts.scheduleForHire(referralId);
  }
}

/** An un-hire: pending tranches are cancelled (approved ones reversed in the ledger). */
@Injectable()
@ProcessesJob('payouts.cancel-tranches')
export class CancelTranchesProcessor implements JobProcessor<'payouts.cancel-tranches'> {
  constructor(private readonly payouts: PayoutLifecycle) {}

  async handle({ referralId }: JobPayloads['payouts.cancel-tranches']): Promise<void> {
    await this.payouts.cancelForUnhire(referralId);
  }
}

/** Due tranches become eligible or forfeited. */
@Injectable()
@RunsOnSchedule('payouts.mature')
export class MatureTranchesProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(MatureTranchesProcessor.name);

  constructor(private readonly payouts: PayoutLifecycle) {}

  async run(): Promise<void> {
    const r = await this.payouts.matureDue();
    if (r.eligible + r.forfeited > 0) {
      this.logger.log(`tranches matured: ${r.eligible} eligible, ${r.forfeited} forfeited`);
    }
  }
}
