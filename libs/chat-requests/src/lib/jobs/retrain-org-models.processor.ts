import { Injectable, Logger } from '@nestjs/common';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { OrgScreeningModels } from '../org-screening-models.service';

/** Hourly: organizations with new moderation labels since their model get it retrained. */
@Injectable()
@RunsOnSchedule('screening.retrain-org-models')
export class RetrainOrgModelsProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(RetrainOrgModelsProcessor.name);

  constructor(private readonly models: OrgScreeningModels) {}

  async run(): Promise<void> {
    const results = await this.models.retrainDue();
    const trained = results.filter((r) => r.outcome === 'trained').length;
    if (trained > 0) this.logger.log(`screening models retrained for ${trained} organizations`);
  }
}
