// Referrals (PRODUCT.md §4): jobs, referrals and consent, credit rules, disputes, ATS ingestion.
export { ReferralsModule, ReferralsWorkerModule } from './lib/referrals.module';
export { ReferralsService, CONSENT_DAYS } from './lib/referrals.service';
export { LapseConsentProcessor } from './lib/jobs/lapse-consent.processor';
export { REFERRAL_STATUSES, REFERRAL_TYPES, type ReferralStatus } from './lib/referral.states';
export * from './lib/credit';
