// Inputs and outputs of the credit rules (PRODUCT.md §4). Plain data: the service loads it, the
// rules decide, the service stores the decision in its own transaction.

export type CreditModel = 'candidate' | 'job';

export interface CreditSettings {
  readonly model: CreditModel;
  // Candidate model only: how long the first valid referral owns the candidate, for any job.
  readonly ownershipWindowMonths: number;
  // A direct application this many months before a referral makes that referral not creditable.
  // 0 switches the rule off.
  readonly priorApplicantWindowMonths: number;
  // Referrer group identifiers, compared exactly (they are ids chosen in settings, not labels).
  readonly excludedGroups: readonly string[];
}

export interface CandidateKey {
  // Normalized with normalizeEmail.
  readonly email: string;
  // ATS candidate ids known for this person. They must be qualified by the integration that
  // issued them (e.g. `${integrationId}:${id}`): Greenhouse and Lever both hand out small
  // numbers, and an unqualified "4711" from two ATSs would join two strangers.
  readonly atsCandidateIds: readonly string[];
}

export interface CreditReferral {
  readonly id: string;
  readonly referrerId: string;
  readonly referrerName: string;
  readonly jobId: string;
  readonly jobTitle: string;
  readonly candidate: CandidateKey;
  // When the referral became valid: the candidate's consent.
  readonly submittedAt: Date;
  // Whether the referral currently holds credit. Ignored for the referral being decided.
  readonly credited: boolean;
}

export interface CreditJob {
  readonly id: string;
  readonly title: string;
  readonly hiringManagerId: string | null;
  readonly recruiterId: string | null;
}

export interface CreditReferrer {
  readonly id: string;
  readonly name: string;
  // The referrer's account e-mail, to recognise a self-referral.
  readonly email: string;
  readonly groups: readonly string[];
}

export interface PriorApplication {
  readonly candidate: CandidateKey;
  readonly appliedAt: Date;
  // Set when the application came from a referral; only direct applications block credit.
  readonly viaReferralId: string | null;
}

export type CreditRule =
  | 'first_valid_candidate'
  | 'first_valid_job'
  | 'ownership_window_owned'
  | 'job_already_referred'
  | 'prior_applicant'
  | 'hiring_manager'
  | 'recruiter'
  | 'excluded_group'
  | 'self_referral'
  | 'ownership_expired_new_owner'
  | 'dispute_overturned';

export type CreditStatus = 'credited' | 'duplicate' | 'ineligible';

// A change to a referral that already has a decision: the caller applies every change of one
// result in the same transaction as the decision that caused it.
export interface CreditGrant {
  readonly referralId: string;
  readonly status: 'credited';
  readonly rule: CreditRule;
  readonly explanation: string;
}

export interface CreditRevocation {
  readonly referralId: string;
  readonly status: 'duplicate';
  readonly rule: CreditRule;
  readonly explanation: string;
}

export interface CreditDecision {
  readonly status: CreditStatus;
  readonly rule: CreditRule;
  // One sentence for the referrer (HR sees the same).
  readonly explanation: string;
  // The referral that holds the credit after this decision: this one when credited, the owner
  // when duplicate, null when ineligible.
  readonly ownerReferralId: string | null;
  // Credited referrals this one displaces because it came first (see credit-rules.ts). Usually
  // empty.
  readonly revoke: readonly CreditRevocation[];
}

export interface CreditReassignment {
  readonly credit: readonly CreditGrant[];
  readonly revoke: readonly CreditRevocation[];
}

export interface CreditFormat {
  // BCP 47 locale for dates in explanations; default 'en-GB'. The sentences are English.
  readonly locale?: string;
  // IANA time zone the dates are shown in; default 'UTC'.
  readonly timeZone?: string;
}

export class CreditInputError extends Error {
  override readonly name = 'CreditInputError';
}
