import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { ValidationFailedError } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { ChatWebhookRepository } from './chat-webhook.repository';
import type {
  NotificationSettingsDto,
  UpdateNotificationSettingsDto,
} from './dto/notification-settings.dto';
import { CHAT_WEBHOOK_SECRETS } from './jobs/chat-webhook.processor';
import { SecretBox } from '@peerline/config';

/**
 * The organization's notification settings. The webhook URL is a secret (it lets anyone post
 * to the channel): stored encrypted, answered only as its origin, audited without its value.
 */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: ChatWebhookRepository,
    private readonly audit: AuditService,
    @Inject(CHAT_WEBHOOK_SECRETS) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'NODE_ENV'>,
  ) {}

  async get(actor: Actor): Promise<NotificationSettingsDto> {
    const sealed = await this.webhooks.findEncryptedUrl(
      this.dataSource.manager,
      actor.organizationId,
    );
    return this.view(sealed);
  }

  async put(actor: Actor, dto: UpdateNotificationSettingsDto): Promise<NotificationSettingsDto> {
    const url = dto.chatWebhookUrl ?? null;
    if (url !== null) this.checkUrl(url);
    const sealed = url === null ? null : this.secrets.seal(url);
    await inTransaction(this.dataSource, async (tx) => {
      await this.webhooks.saveEncryptedUrl(
        tx,
        actor.organizationId,
        sealed,
        actor.kind === 'user' ? actor.id : null,
      );
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'notification_settings.updated',
        targetType: 'organization',
        targetId: actor.organizationId,
        after: { chatWebhookConfigured: url !== null },
      });
    });
    return this.view(sealed);
  }

  private view(sealed: string | null): NotificationSettingsDto {
    if (sealed === null) return { chatWebhookConfigured: false, chatWebhookUrl: null };
    let origin: string | null = null;
    try {
      origin = `${new URL(this.secrets.open(sealed)).origin}/…`;
    } catch {
      // Sealed with an earlier ENCRYPTION_KEY: configured, but unreadable until set again.
    }
    return { chatWebhookConfigured: true, chatWebhookUrl: origin };
  }

  private checkUrl(raw: string): void {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    // Plain http only outside production (local test receivers); credentials in a URL are refused.
    const allowed = this.config.NODE_ENV === 'production' ? ['https:'] : ['https:', 'http:'];
    if (!url || !allowed.includes(url.protocol) || url.username !== '' || url.password !== '') {
      throw new ValidationFailedError('The request is not valid.', {
        fields: { chatWebhookUrl: [`must be an ${allowed.join(' or ')} URL without credentials`] },
      });
    }
  }
}
