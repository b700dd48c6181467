import { Injectable, Logger } from '@nestjs/common';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { ReferralsService } from '../referrals.service';

/** Consent requests unanswered for 14 days lapse; the referrer is told. */
@Injectable()
@RunsOnSchedule('referrals.lapse-consent')
export class LapseConsentProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(LapseConsentProcessor.name);

  constructor(private readonly referrals: ReferralsService) {}

  async run(): Promise<void> {
    const lapsed = await this.referrals.lapseDue();
    if (lapsed > 0) this.logger.log(`${lapsed} referrals lapsed without consent`);
  }
}
