import { Module, type Provider } from '@nestjs/common';
import { Clock, SystemClock } from '@peerline/contracts';
import { IdentityModule } from '@peerline/identity';
import { NotificationsModule } from '@peerline/notifications';
import { QueueModule } from '@peerline/queue';
import {
  CancelTranchesProcessor,
  MatureTranchesProcessor,
  ScheduleTranchesProcessor,
} from './jobs/payout-jobs.processor';
import { PayoutLifecycle } from './payout-lifecycle.service';
import { PayoutNotices } from './payout-notices';
import { PayoutsController } from './payouts.controller';
import { PayoutsRepository } from './payouts.repository';
import { PayoutsService } from './payouts.service';

const CORE: Provider[] = [
  PayoutsRepository,
  PayoutLifecycle,
  PayoutNotices,
  { provide: Clock, useClass: SystemClock },
];

/** The api side: policies, payouts, approvals, batches, ledger, forecast. */
@Module({
  imports: [IdentityModule, NotificationsModule],
  controllers: [PayoutsController],
  providers: [...CORE, PayoutsService],
  exports: [PayoutsService],
})
export class PayoutsModule {}

/** The worker side: tranches from hire events, cancellations from un-hires, maturity. */
@Module({
  imports: [QueueModule, NotificationsModule],
  providers: [...CORE, ScheduleTranchesProcessor, CancelTranchesProcessor, MatureTranchesProcessor],
  exports: [PayoutLifecycle],
})
export class PayoutsWorkerModule {}
