import { Module } from '@nestjs/common';
import { AmbassadorsWorkerModule } from '@peerline/ambassadors';
import { ChatRequestsWorkerModule } from '@peerline/chat-requests';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { NotificationsModule } from '@peerline/notifications';
import { LoggingModule } from '@peerline/observability';
import { QueueWorkerModule } from '@peerline/queue';
import { PayoutsWorkerModule } from '@peerline/payouts';
import { ReferralsWorkerModule } from '@peerline/referrals';
import { HealthController } from './health.controller';
import { WorkerMetricsModule } from './worker-metrics.module';

/** Every module with job processors is imported here; QueueWorkerModule finds their handlers. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DbModule,
    WorkerMetricsModule,
    QueueWorkerModule,
    NotificationsModule,
    ChatRequestsWorkerModule,
    ReferralsWorkerModule,
    PayoutsWorkerModule,
    AmbassadorsWorkerModule,
  ],
  controllers: [HealthController],
})
export class WorkerModule {}
