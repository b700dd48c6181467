import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DigestRepository } from '../digest.repository';
import type { MailHeaders } from '../mail-extras';
import { MailService } from '../mail.service';
import type { RenderedMessage } from '../templates/template-renderer';
import type { ChannelOutcome, NotificationDelivery, Notifier } from './notifier';

/**
 * List-Unsubscribe for mail to members (people with an account and preferences): the preferences
 * page. No List-Unsubscribe-Post: RFC 8058 one-click needs an endpoint that unsubscribes on a
 * POST without a login, and there is none; a page is what RFC 2369 allows. Requesters and
 * candidates get mail about their own request only, so they get no such header.
 */
export function listUnsubscribeHeaders(
  message: Pick<RenderedMessage, 'preferencesUrl'>,
): MailHeaders {
  return message.preferencesUrl ? { 'List-Unsubscribe': `<${message.preferencesUrl}>` } : {};
}

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
    // An invite must reach the calendar now; a digest would only carry a line of text.
    const digest = message.digestible && d.calendar === null;
    if (recipient.userId !== null && recipient.digest === 'daily' && digest) {
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
      calendar: d.calendar,
      headers: listUnsubscribeHeaders(message),
    });
    return queued ? 'queued' : 'duplicate';
  }
}
