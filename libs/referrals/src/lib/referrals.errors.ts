import { defineErrors } from '@peerline/http-kit';

export const referralsErrors = defineErrors({
  JOB_NOT_OPEN: [409, 'Referrals are only possible for open jobs.'],
  CHAT_NOT_COMPLETED: [
    400,
    'A conversation referral needs a completed peer chat that you held with the candidate.',
  ],
  CHAT_REQUIRED: [400, 'A conversation referral must name the completed chat it came from.'],
  SELF_REFERRAL: [400, 'You cannot refer yourself.'],
  CONSENT_TOKEN_INVALID: [400, 'This consent link is not valid.'],
  CONSENT_TOKEN_USED: [410, 'You already answered this request; nothing was changed.'],
  CONSENT_EXPIRED: [410, 'This consent request has expired.'],
  DISPUTE_NOT_ALLOWED: [409, 'Only a referral marked duplicate or ineligible can be disputed.'],
  DISPUTE_ALREADY_OPEN: [409, 'There is already an open dispute for this referral.'],
  DISPUTE_RESOLVED: [409, 'This dispute has already been resolved.'],
  FORBIDDEN: [403, 'You may not do this.'],
});

export type ReferralsErrorCode = keyof typeof referralsErrors.catalogue;
