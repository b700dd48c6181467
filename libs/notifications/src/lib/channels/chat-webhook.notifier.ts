import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@peerline/queue';
import { ChatWebhookRepository } from '../chat-webhook.repository';
import type { ChannelOutcome, NotificationDelivery, Notifier } from './notifier';

/**
 * One post to the organization's chat channel per notification (not per recipient preference:
 * the channel belongs to the organization). Skipped when no webhook is configured; the URL itself
 * is read again at send time, so a changed URL is used and a removed one is not.
 */
@Injectable()
export class ChatWebhookNotifier implements Notifier {
  readonly channel = 'chat' as const;

  constructor(
    private readonly webhooks: ChatWebhookRepository,
    private readonly outbox: OutboxService,
  ) {}

  async record(tx: EntityManager, d: NotificationDelivery): Promise<ChannelOutcome> {
    if ((await this.webhooks.findEncryptedUrl(tx, d.organizationId)) === null) return 'skipped';
    const deliveryId = await this.webhooks.insertDelivery(tx, {
      organizationId: d.organizationId,
      template: d.message.template,
      message: d.message.chat,
      idempotencyKey: `${d.idempotencyKey}:chat`,
    });
    if (deliveryId === null) return 'duplicate';
    await this.outbox.enqueue(
      tx,
      'notification.webhook',
      { deliveryId },
      `notification.webhook:${deliveryId}`,
      { organizationId: d.organizationId },
    );
    return 'queued';
  }
}
