import { Injectable, Logger } from '@nestjs/common';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { ServiceLevelSweep } from '../service-level.sweep';

/** Reminders, expiry and re-routing of delivered requests; see ServiceLevelSweep. */
@Injectable()
@RunsOnSchedule('chat-requests.service-level')
export class ServiceLevelProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(ServiceLevelProcessor.name);

  constructor(private readonly sweep: ServiceLevelSweep) {}

  async run(): Promise<void> {
    const r = await this.sweep.run();
    if (r.reminded + r.expired + r.rerouted + r.postponed + r.failed > 0) {
      this.logger.log(
        `service level: ${r.reminded} reminded, ${r.expired} expired, ${r.rerouted} re-routed, ${r.postponed} postponed, ${r.failed} failed`,
      );
    }
  }
}
