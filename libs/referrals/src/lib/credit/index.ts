// Credit rules (PRODUCT.md §4): who gets credit for a referral, and what a dispute changes.
export * from './credit.types';
export { DEFAULT_CREDIT_SETTINGS, resolveCreditSettings } from './credit-settings';
export { normalizeEmail, sameCandidate } from './candidate-identity';
export { addCalendarMonths } from './calendar-months';
export { compareReferralOrder, decideCredit, type DecideCreditInput } from './credit-rules';
export { resolveDispute, type DisputeDecision, type ResolveDisputeInput } from './credit-disputes';
