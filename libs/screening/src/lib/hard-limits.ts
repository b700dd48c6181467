import type { ReasonCode } from './reason-codes';
import type { ScreeningContext } from './screening.types';
import type { ScreeningSettings } from './settings';

// Layer 1: decisions from counters and lists the caller already holds; no text is read.
export function evaluateHardLimits(
  context: ScreeningContext,
  settings: ScreeningSettings,
): ReasonCode[] {
  const codes: ReasonCode[] = [];
  const limits = settings.hardLimits;
  if (context.emailBlocked) codes.push('EMAIL_BLOCKED');
  if (context.domainBlocked) codes.push('DOMAIN_BLOCKED');
  if (context.rateCounters.perIpLastHour >= limits.maxRequestsPerIpPerHour)
    codes.push('RATE_LIMIT_IP');
  if (context.rateCounters.perEmailLastHour >= limits.maxRequestsPerEmailPerHour)
    codes.push('RATE_LIMIT_EMAIL');
  if (context.openRequestsOfRequester >= limits.maxOpenRequestsPerRequester)
    codes.push('TOO_MANY_OPEN_REQUESTS');
  if (context.nearDuplicatesSentRecently > settings.nearDuplicates.maxOtherRecipients)
    codes.push('SPRAYING');
  if (context.isDisposableDomain) codes.push('DISPOSABLE_EMAIL_DOMAIN');
  return codes;
}
