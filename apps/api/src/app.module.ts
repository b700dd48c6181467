import { Module } from '@nestjs/common';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { IdentityModule } from '@peerline/identity';
import { LoggingModule } from '@peerline/observability';
import { OpsModule } from './ops/ops.module';

@Module({
  imports: [AppConfigModule, LoggingModule, DbModule, IdentityModule, OpsModule],
})
export class AppModule {}
