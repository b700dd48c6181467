import { Module, type Provider } from '@nestjs/common';
import { Clock, SystemClock } from '@peerline/contracts';
import { IdentityModule } from '@peerline/identity';
import { QueueModule } from '@peerline/queue';
import {
  CancelTranchesProcessor,
  MatureTranchesProcessor,
  ScheduleTranchesProcessor,
} from './jobs/payout-jobs.processor';
import { PayoutLifecycle } from './payout-lifecycle.service';
import { PayoutsController } from './payouts.controller';
import { PayoutsRepository } from './payouts.repository';
import { PayoutsService } from './payouts.service';

const CORE: Provider[] = [
  PayoutsRepository,
  PayoutLifecycle,
  { provide: Clock, useClass: SystemClock },
];

/** The api side: policies, payouts, approvals, batches, ledger, forecast. */
@Module({
  imports: [IdentityModule],
  controllers: [PayoutsController],
  providers: [...CORE, PayoutsService],
  exports: [PayoutsService],
})
export class PayoutsModule {}

/** The worker side: tranches from hire events, cancellations from un-hires, maturity. */
@Module({
  imports: [QueueModule],
  providers: [...CORE, ScheduleTranchesProcessor, CancelTranchesProcessor, MatureTranchesProcessor],
  exports: [PayoutLifecycle],
})
export class PayoutsWorkerModule {}
