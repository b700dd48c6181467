import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@peerline/identity';
import { AmbassadorSettings } from './ambassador-settings.entity';
import { Ambassador } from './ambassador.entity';
import { AmbassadorSettingsController, AmbassadorsController } from './ambassadors.controller';
import { AmbassadorsRepository } from './ambassadors.repository';
import { AmbassadorsService } from './ambassadors.service';
import { AmbassadorCapacityReservation } from './capacity-reservation.entity';
import { AmbassadorCapacityWeek } from './capacity-week.entity';
import { DirectoryService } from './directory.service';
import { PublicDirectoryController } from './public-directory.controller';

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
  providers: [AmbassadorsRepository, AmbassadorsService, DirectoryService],
  exports: [AmbassadorsService],
})
export class AmbassadorsModule {}
