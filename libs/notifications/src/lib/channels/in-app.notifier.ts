import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InAppNotificationsRepository } from '../in-app-notifications.repository';
import type { ChannelOutcome, NotificationDelivery, Notifier } from './notifier';

/**
 * The row is the delivery: written in the caller's transaction, visible once it commits, so no
 * outbox job is needed.
 */
@Injectable()
export class InAppNotifier implements Notifier {
  readonly channel = 'in_app' as const;

  constructor(private readonly notifications: InAppNotificationsRepository) {}

  async record(tx: EntityManager, d: NotificationDelivery): Promise<ChannelOutcome> {
    const { recipient, message } = d;
    if (recipient.userId === null || !recipient.active || !recipient.inAppEnabled) return 'skipped';
    const id = await this.notifications.insertIfAbsent(tx, {
      organizationId: d.organizationId,
      userId: recipient.userId,
      template: message.template,
      title: message.subject,
      body: message.summary,
      url: message.url,
      idempotencyKey: `${d.idempotencyKey}:in_app`,
    });
    return id === null ? 'duplicate' : 'queued';
  }
}
