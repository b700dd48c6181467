import { Module } from '@nestjs/common';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { NotificationsModule } from '@peerline/notifications';
import { LoggingModule } from '@peerline/observability';
import { QueueWorkerModule } from '@peerline/queue';
import { HealthController } from './health.controller';

/** Every module with job processors is imported here; QueueWorkerModule finds their handlers. */
@Module({
  imports: [AppConfigModule, LoggingModule, DbModule, QueueWorkerModule, NotificationsModule],
  controllers: [HealthController],
})
export class WorkerModule {}
