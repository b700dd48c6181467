import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AmbassadorsModule, AmbassadorsService } from '@peerline/ambassadors';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { IdentityModule } from '@peerline/identity';
import { NotificationsModule } from '@peerline/notifications';
import { QueueModule } from '@peerline/queue';
import { CapacityPort, ServiceCapacity } from './capacity.port';
import { ChatRequestHistoryEntity } from './chat-request-history.entity';
import { ChatRequestEntity } from './chat-request.entity';
import { ChatRequestsController } from './chat-requests.controller';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DeliveryService } from './delivery.service';
import { DetachedAmbassadorsCapacity } from './detached-ambassadors.capacity';
import { FingerprintBandEntity } from './fingerprint-band.entity';
import { InboxService } from './inbox.service';
import {
  CHAT_THROTTLER_STORAGE,
  INTAKE_THROTTLER_OPTIONS,
  IntakeThrottlerGuard,
  intakeThrottlerOptions,
  PUBLIC_THROTTLER_OPTIONS,
  PublicThrottlerGuard,
  publicThrottlerOptions,
} from './intake-throttler.guard';
import { IntakeService } from './intake.service';
import { ChatRequestsScheduleKeeper } from './jobs/chat-requests-schedules';
import { ExpireUnverifiedProcessor } from './jobs/expire-unverified.processor';
import { RetryWaitingProcessor } from './jobs/retry-waiting.processor';
import { ModerationService } from './moderation.service';
import { PublicChatRequestsController } from './public-chat-requests.controller';
import { RequesterBlockEntity } from './requester-block.entity';
import { RequesterMails } from './requester-mails.service';
import { RequesterTokens } from './requester-tokens.util';
import { RequesterEntity } from './requester.entity';
import { RequesterService } from './requester.service';
import { ScreeningLabelEntity } from './screening-label.entity';
import { ScreeningOrchestrator } from './screening-orchestrator.service';
import { ScreeningSettingsEntity } from './screening-settings.entity';
import { ScreeningSettingsService } from './screening-settings.service';

const ENTITIES = [
  RequesterEntity,
  ChatRequestEntity,
  ChatRequestHistoryEntity,
  FingerprintBandEntity,
  RequesterBlockEntity,
  ScreeningSettingsEntity,
  ScreeningLabelEntity,
];

/** Shared by the api and the worker: storage, tokens and delivery. */
const CORE_PROVIDERS: Provider[] = [
  ChatRequestsRepository,
  DeliveryService,
  {
    provide: RequesterTokens,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => new RequesterTokens(config.ENCRYPTION_KEY),
  },
];

/** The api side: public intake and requester routes, moderation, inbox, screening settings. */
@Module({
  imports: [
    TypeOrmModule.forFeature(ENTITIES),
    IdentityModule,
    AmbassadorsModule,
    NotificationsModule,
  ],
  controllers: [PublicChatRequestsController, ChatRequestsController],
  providers: [
    ...CORE_PROVIDERS,
    {
      provide: CapacityPort,
      inject: [AmbassadorsService],
      useFactory: (ambassadors: AmbassadorsService) => new ServiceCapacity(() => ambassadors),
    },
    ScreeningSettingsService,
    ScreeningOrchestrator,
    RequesterMails,
    IntakeService,
    RequesterService,
    ModerationService,
    InboxService,
    IntakeThrottlerGuard,
    PublicThrottlerGuard,
    {
      provide: INTAKE_THROTTLER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => intakeThrottlerOptions(config),
    },
    {
      provide: PUBLIC_THROTTLER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => publicThrottlerOptions(config),
    },
    {
      provide: CHAT_THROTTLER_STORAGE,
      inject: [APP_CONFIG],
      // Closed by the service's own onModuleDestroy when the app shuts down.
      useFactory: (config: AppConfig) =>
        new ThrottlerStorageRedisService(config.REDIS_URL, {
          maxRetriesPerRequest: 2,
          connectTimeout: 2000,
        }),
    },
  ],
  exports: [IntakeService, RequesterService, ModerationService, InboxService, DeliveryService],
})
export class ChatRequestsModule {}

/**
 * The worker side: the expiry sweep and the retry of waiting requests, found by QueueWorkerModule
 * through their decorators. No HTTP routes.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), NotificationsModule, QueueModule],
  providers: [
    ...CORE_PROVIDERS,
    { provide: CapacityPort, useClass: DetachedAmbassadorsCapacity },
    ExpireUnverifiedProcessor,
    RetryWaitingProcessor,
    ChatRequestsScheduleKeeper,
  ],
  exports: [DeliveryService],
})
export class ChatRequestsWorkerModule {}
