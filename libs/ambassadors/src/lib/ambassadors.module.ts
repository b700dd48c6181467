import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Clock, SystemClock } from '@peerline/contracts';
import { rateLimitStorage } from '@peerline/http-kit';
import { IdentityModule } from '@peerline/identity';
import { AmbassadorSettings } from './ambassador-settings.entity';
import { Ambassador } from './ambassador.entity';
import { AmbassadorSettingsController, AmbassadorsController } from './ambassadors.controller';
import { AmbassadorsRepository } from './ambassadors.repository';
import { AmbassadorsService } from './ambassadors.service';
import { AmbassadorCapacityReservation } from './capacity-reservation.entity';
import { AmbassadorCapacityWeek } from './capacity-week.entity';
import {
  DIRECTORY_THROTTLER_OPTIONS,
  DIRECTORY_THROTTLER_STORAGE,
  DirectoryThrottlerGuard,
  directoryThrottlerOptions,
} from './directory-throttler.guard';
import { DirectoryService } from './directory.service';
import { RefreshUtcOffsetsProcessor } from './jobs/refresh-utc-offsets.processor';
import { PublicDirectoryController } from './public-directory.controller';
import { UtcOffsetsService } from './utc-offsets.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Ambassador,
      AmbassadorSettings,
      AmbassadorCapacityWeek,
      AmbassadorCapacityReservation,
    ]),
    IdentityModule,
  ],
  controllers: [PublicDirectoryController, AmbassadorsController, AmbassadorSettingsController],
  providers: [
    AmbassadorsRepository,
    AmbassadorsService,
    DirectoryService,
    DirectoryThrottlerGuard,
    {
      provide: DIRECTORY_THROTTLER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => directoryThrottlerOptions(config),
    },
    {
      provide: DIRECTORY_THROTTLER_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => rateLimitStorage(config.REDIS_URL),
    },
  ],
  exports: [AmbassadorsService],
})
export class AmbassadorsModule {}

/**
 * The worker side: scheduled upkeep of the directory's tables. No controllers and no identity
 * module, so nothing of the api is published on the worker's health port.
 */
@Module({
  providers: [
    AmbassadorsRepository,
    UtcOffsetsService,
    RefreshUtcOffsetsProcessor,
    { provide: Clock, useClass: SystemClock },
  ],
})
export class AmbassadorsWorkerModule {}
