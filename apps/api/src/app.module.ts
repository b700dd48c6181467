import { Module } from '@nestjs/common';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';

@Module({
  imports: [AppConfigModule, DbModule],
})
export class AppModule {}
