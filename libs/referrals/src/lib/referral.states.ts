/** Referral states (API.md). */
export const REFERRAL_STATUSES = [
  'awaiting_consent',
  'lapsed',
  'declined_by_candidate',
  'submitted',
  'duplicate',
  'ineligible',
  'in_review',
  'interviewing',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_TYPES = ['conversation', 'warm', 'cold'] as const;
export type ReferralType = (typeof REFERRAL_TYPES)[number];

/** Who moved a referral. Candidates and the ATS hold no account. */
export type ReferralActor =
  | { type: 'user' | 'api_key'; id: string }
  | { type: 'candidate' }
  | { type: 'ats' }
  | { type: 'system' };

/** States before the candidate's answer; nothing is pushed or counted in them. */
export const BEFORE_CONSENT: readonly ReferralStatus[] = ['awaiting_consent'];

/** States a valid (credited) referral moves through as the ATS reports. */
export const PIPELINE: readonly ReferralStatus[] = [
  'submitted',
  'in_review',
  'interviewing',
  'offer',
  'hired',
];
