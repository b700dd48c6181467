import { Module, type Provider } from '@nestjs/common';
import { APP_CONFIG, SecretBox, type AppConfig } from '@peerline/config';
import { Clock, SystemClock } from '@peerline/contracts';
import { IdentityModule } from '@peerline/identity';
import { NotificationsModule } from '@peerline/notifications';
import { OutboxModule, QueueModule } from '@peerline/queue';
import { AtsRepository } from './ats.repository';
import { DisputesService } from './disputes.service';
import { AtsWebhookController, IntegrationsController } from './integrations.controller';
import { ATS_SECRETS, IntegrationsService } from './integrations.service';
import { AtsEventProcessor } from './jobs/ats-event.processor';
import { ReferralHiredProcessor, ReferralUnhiredProcessor } from './jobs/conversion.processor';
import { PushReferralProcessor } from './jobs/push-referral.processor';
import { LapseConsentProcessor } from './jobs/lapse-consent.processor';
import { JobsService } from './jobs.service';
import { PublicReferralsController, ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { CONSENT_RATE_LIMIT } from './consent-throttler.guard';

const CORE: Provider[] = [
  ReferralsRepository,
  ReferralsService,
  AtsRepository,
  { provide: Clock, useClass: SystemClock },
  {
    provide: ATS_SECRETS,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): SecretBox =>
      new SecretBox(config.ENCRYPTION_KEY, 'peerline:ats-webhook-secret'),
  },
];

/** The api side: jobs, referrals, consent, disputes and settings routes. */
@Module({
  imports: [IdentityModule, NotificationsModule, OutboxModule],
  controllers: [
    ReferralsController,
    PublicReferralsController,
    IntegrationsController,
    AtsWebhookController,
  ],
  providers: [
    ...CORE,
    JobsService,
    DisputesService,
    IntegrationsService,
    ...CONSENT_RATE_LIMIT.providers,
  ],
  exports: [ReferralsService],
})
export class ReferralsModule {}

/** The worker side: the consent lapse sweep, ATS event processing, conversions. */
@Module({
  imports: [NotificationsModule, QueueModule, OutboxModule],
  providers: [
    ...CORE,
    LapseConsentProcessor,
    AtsEventProcessor,
    ReferralHiredProcessor,
    ReferralUnhiredProcessor,
    PushReferralProcessor,
  ],
  exports: [ReferralsService],
})
export class ReferralsWorkerModule {}
