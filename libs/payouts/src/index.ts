// Payouts (PRODUCT.md §5): bonus policies, tranches, the ledger, approvals and payroll batches.
export { PayoutsModule, PayoutsWorkerModule } from './lib/payouts.module';
export { PayoutsService } from './lib/payouts.service';
export { PayoutLifecycle } from './lib/payout-lifecycle.service';
export * from './lib/model';
