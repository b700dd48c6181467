import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { RunsOnSchedule, type ScheduledJobHandler } from './job-processor';
import { execUpdate } from './sql';

const BATCH = 5000;

/**
 * Deletes outbox rows processed more than OUTBOX_RETENTION_DAYS ago, in small batches so the
 * table's locks stay short. Failed rows stay: they are the record of what needs attention.
 * Running twice, or in two workers at once, only deletes less the second time.
 */
@Injectable()
@RunsOnSchedule('outbox.cleanup')
export class OutboxCleanupProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(OutboxCleanupProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'OUTBOX_RETENTION_DAYS'>,
  ) {}

  async run(): Promise<void> {
    let deleted = 0;
    for (;;) {
      const { count } = await execUpdate(
        this.dataSource,
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox
            WHERE processed_at IS NOT NULL
              AND processed_at < now() - make_interval(days => $1)
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [this.config.OUTBOX_RETENTION_DAYS, BATCH],
      );
      deleted += count;
      if (count < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} processed outbox rows`);
    else this.logger.debug('outbox cleanup: nothing to do');
  }
}
