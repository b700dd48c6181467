import { addCalendarMonths, withinMonths } from './calendar-months';
import { CandidateIdentity } from './candidate-identity';
import { DateFormatter, explain } from './credit-explanations';
import { resolveCreditSettings } from './credit-settings';
import {
  CreditInputError,
  type CreditDecision,
  type CreditFormat,
  type CreditJob,
  type CreditReferral,
  type CreditReferrer,
  type CreditRevocation,
  type CreditSettings,
  type PriorApplication,
} from './credit.types';

export interface DecideCreditInput extends CreditFormat {
  readonly settings: CreditSettings;
  // The referral being decided, at the moment it becomes valid (consent).
  readonly referral: CreditReferral;
  readonly job: CreditJob;
  readonly referrer: CreditReferrer;
  // Other referrals of the organization that may concern the same person (any job, any status),
  // with their credited flag. Referrals not connected to this candidate by e-mail or ATS id are
  // ignored, so passing "every referral sharing an e-mail or an ATS id" is enough; connections
  // are followed transitively (A~B by e-mail, B~C by ATS id ⇒ A~C).
  readonly others: readonly CreditReferral[];
  // Applications the ATS reported for possibly the same person; unconnected ones are ignored.
  readonly priorApplications: readonly PriorApplication[];
}

// "First" among referrals: earlier submittedAt; at the same millisecond the smaller id in
// code-unit order (ids are UUIDs, so this is arbitrary but stable and independent of arrival).
export function compareReferralOrder(a: CreditReferral, b: CreditReferral): number {
  const byTime = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function precedes(a: CreditReferral, b: CreditReferral): boolean {
  return compareReferralOrder(a, b) < 0;
}

function assertValidDate(value: Date, path: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new CreditInputError(`${path} must be a valid Date`);
  }
}

function ineligible(rule: CreditDecision['rule'], explanation: string): CreditDecision {
  return { status: 'ineligible', rule, explanation, ownerReferralId: null, revoke: [] };
}

// Decides whether a referral earns the credit for its candidate. Pure: everything it needs,
// including time (the referral's submittedAt), comes in as data, so deciding the same input
// again gives the same answer.
//
// Order of evaluation; the first rule that applies is the one stored and shown:
//  1. self_referral    the candidate's identity includes the referrer's own e-mail.
//  2. hiring_manager   the referrer is the job's hiring manager.
//  3. recruiter        the referrer is the job's recruiter.
//  4. excluded_group   the referrer is in an excluded group (first match in settings order).
//  5. prior_applicant  the candidate applied directly (viaReferralId null) in the
//                      priorApplicantWindowMonths before submittedAt: appliedAt <= submittedAt <
//                      appliedAt + window. Applications made through a referral do not count;
//                      those referrals are judged by the duplicate rules below.
//     Rules 1-5 make the referral `ineligible`: nobody earns this credit through it. They come
//     before the duplicate rules because they are about this referral itself; a referral that
//     could never have earned credit is not told it lost to someone else.
//  6. Candidate model, among credited referrals of the same person (any job):
//     a. ownership_window_owned  a credited referral that comes first (compareReferralOrder) and
//        whose window [its submittedAt, + ownershipWindowMonths) contains this submittedAt owns
//        the candidate: `duplicate`, naming the earliest such owner.
//     b. ownership_expired_new_owner  otherwise, if an earlier credited referral exists, its
//        window has ended: this referral is `credited` and starts a new window.
//     c. first_valid_candidate  otherwise `credited`.
//     Job model, among credited referrals of the same person for the same job (no window; other
//     jobs are independent):
//     a. job_already_referred  one comes first: `duplicate`, naming the earliest.
//     b. first_valid_job  otherwise `credited`.
//  7. A credited decision lists in `revoke` the credited referrals it comes ahead of (in the
//     candidate model those inside its new window, in the job model those for the same job).
//     That happens when decisions run out of submission order (two consents racing, a late
//     retry); it keeps "first valid referral wins" true whatever the arrival order. A displaced
//     referral becomes `duplicate` with a sentence, never silently dropped. Duplicates are never
//     promoted automatically; HR can do so through a dispute.
export function decideCredit(input: DecideCreditInput): CreditDecision {
  const settings = resolveCreditSettings(input.settings);
  const { referral, job, referrer } = input;
  assertValidDate(referral.submittedAt, 'referral.submittedAt');
  if (referral.jobId !== job.id) throw new CreditInputError('job does not match referral.jobId');
  if (referral.referrerId !== referrer.id) {
    throw new CreditInputError('referrer does not match referral.referrerId');
  }
  const f = new DateFormatter(input);

  const others = input.others.filter((o) => o.id !== referral.id);
  others.forEach((o, i) => assertValidDate(o.submittedAt, `others[${i}].submittedAt`));
  const identity = new CandidateIdentity(
    referral.candidate,
    others.map((o) => o.candidate),
  );

  if (identity.hasEmail(referrer.email)) {
    return ineligible('self_referral', explain.selfReferral(referrer.name));
  }
  if (job.hiringManagerId !== null && job.hiringManagerId === referrer.id) {
    return ineligible('hiring_manager', explain.hiringManager(referrer.name, job.title));
  }
  if (job.recruiterId !== null && job.recruiterId === referrer.id) {
    return ineligible('recruiter', explain.recruiter(referrer.name, job.title));
  }
  const groups = new Set(referrer.groups);
  const excluded = settings.excludedGroups.find((g) => groups.has(g));
  if (excluded !== undefined) {
    return ineligible('excluded_group', explain.excludedGroup(referrer.name, excluded));
  }

  const window = settings.priorApplicantWindowMonths;
  // A 0-month window is empty ([t, t)), which switches the rule off.
  const priorApplicant = input.priorApplications.some((application, i) => {
    assertValidDate(application.appliedAt, `priorApplications[${i}].appliedAt`);
    return (
      application.viaReferralId === null &&
      identity.matches(application.candidate) &&
      withinMonths(application.appliedAt, window, referral.submittedAt)
    );
  });
  if (priorApplicant) {
    return ineligible('prior_applicant', explain.priorApplicant(window));
  }

  const credited = others
    .filter((o) => o.credited && identity.matches(o.candidate))
    .sort(compareReferralOrder);

  switch (settings.model) {
    case 'candidate':
      return decideCandidateModel(referral, credited, settings.ownershipWindowMonths, f);
    case 'job':
      return decideJobModel(
        referral,
        credited.filter((o) => o.jobId === referral.jobId),
        f,
      );
  }
}

// `credited` is sorted by compareReferralOrder.
function decideCandidateModel(
  referral: CreditReferral,
  credited: readonly CreditReferral[],
  windowMonths: number,
  f: DateFormatter,
): CreditDecision {
  const earlier = credited.filter((o) => precedes(o, referral));
  const owner = earlier.find((o) =>
    withinMonths(o.submittedAt, windowMonths, referral.submittedAt),
  );
  if (owner !== undefined) {
    return {
      status: 'duplicate',
      rule: 'ownership_window_owned',
      explanation: explain.ownershipWindowOwned(owner, windowMonths, f),
      ownerReferralId: owner.id,
      revoke: [],
    };
  }

  const revoke: CreditRevocation[] = credited
    .filter(
      (o) =>
        precedes(referral, o) && withinMonths(referral.submittedAt, windowMonths, o.submittedAt),
    )
    .map((o) => ({
      referralId: o.id,
      status: 'duplicate',
      rule: 'ownership_window_owned',
      explanation: explain.ownershipMovedToEarlier(referral, windowMonths, f),
    }));
  const end = addCalendarMonths(referral.submittedAt, windowMonths);
  const previous = earlier.at(-1);
  if (previous !== undefined) {
    return {
      status: 'credited',
      rule: 'ownership_expired_new_owner',
      explanation: explain.ownershipExpiredNewOwner(referral, previous, windowMonths, end, f),
      ownerReferralId: referral.id,
      revoke,
    };
  }
  return {
    status: 'credited',
    rule: 'first_valid_candidate',
    explanation: explain.firstValidCandidate(referral, windowMonths, end, f),
    ownerReferralId: referral.id,
    revoke,
  };
}

// `sameJobCredited` is sorted by compareReferralOrder.
function decideJobModel(
  referral: CreditReferral,
  sameJobCredited: readonly CreditReferral[],
  f: DateFormatter,
): CreditDecision {
  const owner = sameJobCredited.find((o) => precedes(o, referral));
  if (owner !== undefined) {
    return {
      status: 'duplicate',
      rule: 'job_already_referred',
      explanation: explain.jobAlreadyReferred(owner, f),
      ownerReferralId: owner.id,
      revoke: [],
    };
  }
  return {
    status: 'credited',
    rule: 'first_valid_job',
    explanation: explain.firstValidJob(referral, f),
    ownerReferralId: referral.id,
    revoke: sameJobCredited.map((o) => ({
      referralId: o.id,
      status: 'duplicate',
      rule: 'job_already_referred',
      explanation: explain.jobMovedToEarlier(referral, f),
    })),
  };
}
