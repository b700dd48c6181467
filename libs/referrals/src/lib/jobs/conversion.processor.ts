import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { ProcessesJob, type JobProcessor } from '@peerline/queue';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AtsRepository } from '../ats.repository';

/** Records the referral-to-hire conversion (chat → referral → hire); idempotent by referral. */
@Injectable()
@ProcessesJob('referral.hired')
export class ReferralHiredProcessor implements JobProcessor<'referral.hired'> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ats: AtsRepository,
  ) {}

  async handle({ referralId }: JobPayloads['referral.hired']): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const org = await this.ats.organizationOfReferral(tx, referralId);
      if (!org) throw new UnrecoverableError('referral does not exist');
      await this.ats.recordConversion(tx, org, referralId);
    });
  }
}

/** An un-hire reverses the conversion (payouts reverse their tranches from the same event). */
@Injectable()
@ProcessesJob('referral.unhired')
export class ReferralUnhiredProcessor implements JobProcessor<'referral.unhired'> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ats: AtsRepository,
  ) {}

  async handle({ referralId }: JobPayloads['referral.unhired']): Promise<void> {
    await inTransaction(this.dataSource, (tx) => this.ats.reverseConversion(tx, referralId));
  }
}
