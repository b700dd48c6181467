import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DigestRepository } from '../digest.repository';
import { MailService } from '../mail.service';
import type { ChannelOutcome, NotificationDelivery, Notifier } from './notifier';

/** E-mail now (mail_messages + outbox → mail.send), or an item of the daily digest. */
@Injectable()
export class EmailNotifier implements Notifier {
  readonly channel = 'email' as const;

  constructor(
    private readonly mail: MailService,
    private readonly digests: DigestRepository,
  ) {}

  async record(tx: EntityManager, d: NotificationDelivery): Promise<ChannelOutcome> {
    const { recipient, message } = d;
    if (!recipient.active || !recipient.emailEnabled) return 'skipped';
    if (recipient.userId !== null && recipient.digest === 'daily' && message.digestible) {
      const id = await this.digests.insertItem(tx, {
        organizationId: d.organizationId,
        userId: recipient.userId,
        template: message.template,
        title: message.summary,
        url: message.url,
        idempotencyKey: `${d.idempotencyKey}:digest`,
      });
      return id === null ? 'duplicate' : 'digest';
    }
    const { queued } = await this.mail.queueMail(tx, {
      organizationId: d.organizationId,
      to: recipient.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      template: message.template,
      idempotencyKey: `${d.idempotencyKey}:email`,
    });
    return queued ? 'queued' : 'duplicate';
  }
}
