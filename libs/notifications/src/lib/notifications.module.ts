import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { IdentityModule } from '@peerline/identity';
import { OutboxModule } from '@peerline/queue';
import { ChatWebhookNotifier } from './channels/chat-webhook.notifier';
import { EmailNotifier } from './channels/email.notifier';
import { InAppNotifier } from './channels/in-app.notifier';
import { NOTIFIERS, type Notifier } from './channels/notifier';
import {
  ChatWebhookDeliveryEntity,
  OrganizationNotificationSettingsEntity,
} from './chat-webhook.entity';
import { ChatWebhookRepository } from './chat-webhook.repository';
import { DigestRepository } from './digest.repository';
import { InAppNotificationsRepository } from './in-app-notifications.repository';
import { InAppNotificationsService } from './in-app-notifications.service';
import { CHAT_WEBHOOK_SECRETS, ChatWebhookProcessor } from './jobs/chat-webhook.processor';
import { DigestProcessor } from './jobs/digest.processor';
import { MailRetentionProcessor } from './jobs/mail-retention.processor';
import { MailSendProcessor } from './jobs/mail-send.processor';
import { MailMessageEntity } from './mail-message.entity';
import { MailMessageRepository } from './mail-message.repository';
import { MAIL_TRANSPORT, SmtpMailTransport, type MailTransport } from './mail-transport';
import { MailService } from './mail.service';
import {
  NotificationDigestEntity,
  NotificationDigestItemEntity,
} from './notification-digest.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesEntity } from './notification-preferences.entity';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RecipientRepository } from './recipient.repository';
import { SecretBox } from '@peerline/config';

/**
 * Notifications for commands and the worker: NotificationsService.notify and MailService for
 * commands, the processors (found by the worker through their decorators). No HTTP routes, so the
 * worker can import it without serving anything; the api adds NotificationsApiModule.
 */
@Module({
  imports: [
    OutboxModule,
    TypeOrmModule.forFeature([
      MailMessageEntity,
      NotificationEntity,
      NotificationPreferencesEntity,
      NotificationDigestEntity,
      NotificationDigestItemEntity,
      OrganizationNotificationSettingsEntity,
      ChatWebhookDeliveryEntity,
    ]),
  ],
  providers: [
    MailMessageRepository,
    MailService,
    RecipientRepository,
    InAppNotificationsRepository,
    NotificationPreferencesRepository,
    DigestRepository,
    ChatWebhookRepository,
    EmailNotifier,
    InAppNotifier,
    ChatWebhookNotifier,
    {
      provide: NOTIFIERS,
      inject: [EmailNotifier, InAppNotifier, ChatWebhookNotifier],
      useFactory: (...notifiers: Notifier[]): readonly Notifier[] => notifiers,
    },
    NotificationsService,
    MailSendProcessor,
    ChatWebhookProcessor,
    DigestProcessor,
    MailRetentionProcessor,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport => new SmtpMailTransport(config),
    },
    {
      provide: CHAT_WEBHOOK_SECRETS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SecretBox =>
        new SecretBox(config.ENCRYPTION_KEY, 'peerline:chat-webhook-url'),
    },
  ],
  exports: [
    MailService,
    NotificationsService,
    RecipientRepository,
    InAppNotificationsRepository,
    NotificationPreferencesRepository,
    ChatWebhookRepository,
    CHAT_WEBHOOK_SECRETS,
  ],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  // After the workers have finished their jobs (they close in beforeApplicationShutdown).
  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** The HTTP side, for the api: in-app notifications, preferences, organization settings. */
@Module({
  imports: [NotificationsModule, IdentityModule],
  controllers: [
    NotificationsController,
    NotificationPreferencesController,
    NotificationSettingsController,
  ],
  providers: [
    InAppNotificationsService,
    NotificationPreferencesService,
    NotificationSettingsService,
  ],
})
export class NotificationsApiModule {}
