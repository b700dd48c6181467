import { Injectable, Logger } from '@nestjs/common';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { UtcOffsetsService } from '../utc-offsets.service';

/** After a DST change, profiles' stored UTC offsets follow their time zone. */
@Injectable()
@RunsOnSchedule('ambassadors.refresh-utc-offsets')
export class RefreshUtcOffsetsProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(RefreshUtcOffsetsProcessor.name);

  constructor(private readonly offsets: UtcOffsetsService) {}

  async run(): Promise<void> {
    const r = await this.offsets.refresh();
    if (r.changedZones > 0) {
      this.logger.log(`utc offsets refreshed: ${r.changedZones} zones, ${r.profiles} profiles`);
    }
  }
}
