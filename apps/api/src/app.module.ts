import { Module } from '@nestjs/common';
import { AmbassadorsModule } from '@peerline/ambassadors';
import { ChatRequestsModule } from '@peerline/chat-requests';
import { AppConfigModule } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { IdentityModule } from '@peerline/identity';
import { NotificationsApiModule } from '@peerline/notifications';
import { LoggingModule } from '@peerline/observability';
import { PayoutsModule } from '@peerline/payouts';
import { ReferralsModule } from '@peerline/referrals';
import { OpsModule } from './ops/ops.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DbModule,
    IdentityModule,
    AmbassadorsModule,
    ChatRequestsModule,
    ReferralsModule,
    PayoutsModule,
    NotificationsApiModule,
    OpsModule,
  ],
})
export class AppModule {}
