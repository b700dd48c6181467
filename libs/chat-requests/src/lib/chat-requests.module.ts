import { Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AmbassadorsModule, AmbassadorsService } from '@peerline/ambassadors';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Clock, SystemClock } from '@peerline/contracts';
import { IdentityModule } from '@peerline/identity';
import { NotificationsModule } from '@peerline/notifications';
import { QueueModule } from '@peerline/queue';
import { BlocksRepository } from './blocks.repository';
import { BlocksService } from './blocks.service';
import { CapacityPort, ServiceCapacity } from './capacity.port';
import { ChatRequestHistoryEntity } from './chat-request-history.entity';
import { ChatRequestEntity } from './chat-request.entity';
import { ChatRequestsController } from './chat-requests.controller';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DeliveryService } from './delivery.service';
import { DetachedAmbassadorsCapacity } from './detached-ambassadors.capacity';
import { FingerprintBandEntity } from './fingerprint-band.entity';
import { InboxService } from './inbox.service';
import { INTAKE_RATE_LIMIT, PUBLIC_CHAT_RATE_LIMIT } from './intake-throttler.guard';
import { IntakeService } from './intake.service';
import { ExpireUnverifiedProcessor } from './jobs/expire-unverified.processor';
import { RetryWaitingProcessor } from './jobs/retry-waiting.processor';
import { RetrainOrgModelsProcessor } from './jobs/retrain-org-models.processor';
import { OrgScreeningModels } from './org-screening-models.service';
import { ServiceLevelProcessor } from './jobs/service-level.processor';
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
import { ServiceLevelSweep } from './service-level.sweep';
import { PublicTriageController } from './public-triage.controller';
import { TriageLinks } from './triage-links.util';
import { TriageMails } from './triage-mails.service';
import { TriageController } from './triage.controller';
import { TriageRepository } from './triage.repository';
import { TriageService } from './triage.service';

const ENTITIES = [
  RequesterEntity,
  ChatRequestEntity,
  ChatRequestHistoryEntity,
  FingerprintBandEntity,
  RequesterBlockEntity,
  ScreeningSettingsEntity,
  ScreeningLabelEntity,
];

/** Shared by the api and the worker: storage, tokens, mails and delivery. */
const CORE_PROVIDERS: Provider[] = [
  ChatRequestsRepository,
  TriageRepository,
  DeliveryService,
  RequesterMails,
  TriageMails,
  OrgScreeningModels,
  { provide: Clock, useClass: SystemClock },
  {
    provide: RequesterTokens,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => new RequesterTokens(config.ENCRYPTION_KEY),
  },
  {
    provide: TriageLinks,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) =>
      new TriageLinks(config.ENCRYPTION_KEY, config.TRIAGE_LINK_TTL_DAYS),
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
  controllers: [
    PublicChatRequestsController,
    ChatRequestsController,
    TriageController,
    PublicTriageController,
  ],
  providers: [
    ...CORE_PROVIDERS,
    {
      provide: CapacityPort,
      inject: [AmbassadorsService],
      useFactory: (ambassadors: AmbassadorsService) => new ServiceCapacity(() => ambassadors),
    },
    ScreeningSettingsService,
    ScreeningOrchestrator,
    IntakeService,
    RequesterService,
    ModerationService,
    InboxService,
    TriageService,
    BlocksRepository,
    BlocksService,
    ...INTAKE_RATE_LIMIT.providers,
    ...PUBLIC_CHAT_RATE_LIMIT.providers,
  ],
  exports: [
    IntakeService,
    RequesterService,
    ModerationService,
    InboxService,
    TriageService,
    DeliveryService,
  ],
})
export class ChatRequestsModule {}

/**
 * The worker side: the expiry sweep, the retry of waiting requests and the service level
 * (reminders, expiry, re-routing), found by QueueWorkerModule
 * through their decorators. No HTTP routes.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), NotificationsModule, QueueModule],
  providers: [
    ...CORE_PROVIDERS,
    { provide: CapacityPort, useClass: DetachedAmbassadorsCapacity },
    ExpireUnverifiedProcessor,
    RetryWaitingProcessor,
    ServiceLevelSweep,
    ServiceLevelProcessor,
    RetrainOrgModelsProcessor,
  ],
  exports: [DeliveryService, ServiceLevelSweep],
})
export class ChatRequestsWorkerModule {}
