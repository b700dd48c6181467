import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from '@peerline/contracts';
import { IdentityModule } from '@peerline/identity';
import { AmbassadorSettings } from './ambassador-settings.entity';
import { Ambassador } from './ambassador.entity';
import { AmbassadorSettingsController, AmbassadorsController } from './ambassadors.controller';
import { AmbassadorsRepository } from './ambassadors.repository';
import { AmbassadorsService } from './ambassadors.service';
import { AmbassadorCapacityReservation } from './capacity-reservation.entity';
import { AmbassadorCapacityWeek } from './capacity-week.entity';
import { DIRECTORY_RATE_LIMIT } from './directory-throttler.guard';
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
    ...DIRECTORY_RATE_LIMIT.providers,
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
