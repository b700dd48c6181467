// ATS integrations (INTEGRATIONS.md, PRODUCT.md §4): pure, framework-free webhook verification,
// event normalization and the outbound referral push clients.
export {
  DEFAULT_LEVER_TOLERANCE_MS,
  verifyDelivery,
  type AtsProvider,
  type InboundDelivery,
  type Verified,
} from './verify';
export {
  normalizeEvent,
  stagePhase,
  type CreditedTo,
  type NormalizeResult,
  type NormalizedAtsEvent,
  type StagePhase,
} from './normalize';
export {
  AtsPushError,
  DEFAULT_ASHBY_FIELD_PATHS,
  ashbyPushClient,
  greenhousePushClient,
  type AshbyFieldPaths,
  type AshbyPushOptions,
  type AtsPushClient,
  type AtsPushProvider,
  type AtsPushResult,
  type GreenhousePushOptions,
  type ReferralPush,
} from './push-client';
