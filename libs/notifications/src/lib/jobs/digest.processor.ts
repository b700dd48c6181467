import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { inTransaction } from '@peerline/db';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { listUnsubscribeHeaders } from '../channels/email.notifier';
import { DigestRepository, type DueDigest } from '../digest.repository';
import { MailService } from '../mail.service';
import { RecipientRepository } from '../recipient.repository';
import { DEFAULT_LOCALE } from '../templates/message-formatter';
import { renderMessage } from '../templates/template-renderer';

const BATCH = 200;
/** Bounds one tick; whatever is left is found by the next tick a few minutes later. */
const MAX_BATCHES = 50;

/**
 * The daily digest: every few minutes, finds recipients whose local morning has passed and who
 * have waiting items, and sends each one mail with everything that waited. One digest per user and
 * local date (a unique key), so overlapping ticks in several workers send it once.
 */
@Injectable()
@RunsOnSchedule('notifications.digest')
export class DigestProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(DigestProcessor.name);
  private readonly inboxUrl: string;
  private readonly preferencesUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly digests: DigestRepository,
    private readonly recipients: RecipientRepository,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.inboxUrl = new URL('/inbox', config.WEB_URL).toString();
    this.preferencesUrl = new URL('/settings/notifications', config.WEB_URL).toString();
  }

  async run(): Promise<void> {
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await this.digests.findDue(this.dataSource, BATCH);
      for (const d of due) if (await this.send(d)) sent += 1;
      if (due.length < BATCH) break;
    }
    if (sent > 0) this.logger.log(`queued ${sent} daily digests`);
    else this.logger.debug('digest: nothing to do');
  }

  /** True when this call made the digest (false: another worker did, or nothing was waiting). */
  async send(due: DueDigest): Promise<boolean> {
    return inTransaction(this.dataSource, async (tx) => {
      const digestId = await this.digests.claimDigest(tx, due);
      if (digestId === null) return false;
      const items = await this.digests.takeItems(tx, due.organizationId, due.userId, digestId);
      const user = await this.recipients.findUser(tx, due.organizationId, due.userId);
      const org = await this.recipients.findOrganization(tx, due.organizationId);
      if (items.length === 0 || !user || !org || !user.active || !user.emailEnabled) {
        // The items are consumed either way: switching e-mail back on does not replay old news.
        await this.digests.finishDigest(tx, digestId, items.length, null);
        return false;
      }
      const message = renderMessage(
        'digest.daily',
        {
          recipientName: user.name,
          localDate: due.localDate,
          items: items.map((i) => ({ title: i.title, url: i.url, at: i.createdAt.toISOString() })),
          inboxUrl: this.inboxUrl,
        },
        {
          organizationName: org.name,
          locale: user.locale ?? DEFAULT_LOCALE,
          timeZone: user.timeZone,
          preferencesUrl: this.preferencesUrl,
        },
      );
      const { messageId } = await this.mail.queueMail(tx, {
        organizationId: due.organizationId,
        to: user.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        template: message.template,
        idempotencyKey: `digest:${due.userId}:${due.localDate}`,
        headers: listUnsubscribeHeaders(message),
      });
      await this.digests.finishDigest(tx, digestId, items.length, messageId);
      return true;
    });
  }
}
