import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { MailMessageRepository } from '../mail-message.repository';

const BATCH = 5000;

/**
 * Blanks the addresses and bodies of mail finished more than MAIL_RETENTION_DAYS ago (personal
 * data kept no longer than needed); the rows stay as the record of what was sent.
 */
@Injectable()
@RunsOnSchedule('mail.retention-purge')
export class MailRetentionProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(MailRetentionProcessor.name);

  constructor(
    private readonly messages: MailMessageRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'MAIL_RETENTION_DAYS'>,
  ) {}

  async run(): Promise<void> {
    let purged = 0;
    for (;;) {
      const n = await this.messages.purgeOlderThan(this.config.MAIL_RETENTION_DAYS, BATCH);
      purged += n;
      if (n < BATCH) break;
    }
    if (purged > 0) this.logger.log(`purged ${purged} mail messages past retention`);
    else this.logger.debug('mail retention: nothing to do');
  }
}
