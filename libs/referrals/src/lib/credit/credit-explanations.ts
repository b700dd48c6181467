import type { CreditFormat, CreditReferral } from './credit.types';

// The sentences a referrer (and HR) reads next to a credit decision. Third person, so the same
// text works for the referrer, for HR and in the audit log. Only dates are localized.

export const DEFAULT_LOCALE = 'en-GB';
export const DEFAULT_TIME_ZONE = 'UTC';

export class DateFormatter {
  private readonly format: Intl.DateTimeFormat;

  // Throws RangeError on an unknown locale or time zone: the settings layer validates them.
  constructor({ locale = DEFAULT_LOCALE, timeZone = DEFAULT_TIME_ZONE }: CreditFormat) {
    this.format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    });
  }

  date(value: Date): string {
    return this.format.format(value);
  }
}

function monthsNoun(n: number): string {
  return n === 1 ? '1 month' : `${n} months`;
}

function referred(r: CreditReferral, f: DateFormatter): string {
  return `${r.referrerName} referred this candidate for ${r.jobTitle} on ${f.date(r.submittedAt)}`;
}

// HR's note inside a one-line sentence: whitespace collapsed, quoted.
function quote(note: string): string {
  return `"${note.trim().replace(/\s+/g, ' ')}"`;
}

export const explain = {
  selfReferral: (referrerName: string) =>
    `${referrerName} referred themselves, and self-referrals cannot earn referral credit.`,

  hiringManager: (referrerName: string, jobTitle: string) =>
    `${referrerName} is the hiring manager for ${jobTitle}, and a job's hiring manager cannot earn referral credit for it.`,

  recruiter: (referrerName: string, jobTitle: string) =>
    `${referrerName} is the recruiter for ${jobTitle}, and a job's recruiter cannot earn referral credit for it.`,

  excludedGroup: (referrerName: string, group: string) =>
    `${referrerName} is in the group "${group}", whose members cannot earn referral credit under this organization's rules.`,

  // The application date is not shown: the referrer learns that a rule applied, not the
  // candidate's application history.
  priorApplicant: (windowMonths: number) =>
    `This candidate had already applied without a referral in the ${monthsNoun(windowMonths)} before this referral, so under the prior-applicant rule it cannot earn credit.`,

  firstValidCandidate: (r: CreditReferral, windowMonths: number, end: Date, f: DateFormatter) =>
    `${referred(r, f)}, the first valid referral of this candidate; under the ${windowMonths}-month ownership rule the credit stays with this referral for any job until ${f.date(end)}.`,

  ownershipExpiredNewOwner: (
    r: CreditReferral,
    previous: CreditReferral,
    windowMonths: number,
    end: Date,
    f: DateFormatter,
  ) =>
    `${referred(r, f)}, after the ${windowMonths}-month ownership of ${previous.referrerName}'s referral from ${f.date(previous.submittedAt)} had ended; the credit now stays with this referral for any job until ${f.date(end)}.`,

  ownershipWindowOwned: (owner: CreditReferral, windowMonths: number, f: DateFormatter) =>
    `${referred(owner, f)}; under the ${windowMonths}-month ownership rule the credit stays with that referral.`,

  ownershipMovedToEarlier: (owner: CreditReferral, windowMonths: number, f: DateFormatter) =>
    `${referred(owner, f)}, ahead of this referral; under the ${windowMonths}-month ownership rule the credit moves to that referral.`,

  firstValidJob: (r: CreditReferral, f: DateFormatter) =>
    `${referred(r, f)}, the first valid referral of this candidate for this job; under the first-referral-per-job rule the credit stays with this referral.`,

  jobAlreadyReferred: (owner: CreditReferral, f: DateFormatter) =>
    `${referred(owner, f)}; under the first-referral-per-job rule the credit stays with that referral.`,

  jobMovedToEarlier: (owner: CreditReferral, f: DateFormatter) =>
    `${referred(owner, f)}, ahead of this referral; under the first-referral-per-job rule the credit moves to that referral.`,

  disputeCredited: (r: CreditReferral, note: string, f: DateFormatter) =>
    `HR overturned the credit decision and gave the credit to the referral ${r.referrerName} made for ${r.jobTitle} on ${f.date(r.submittedAt)}, noting: ${quote(note)}.`,

  disputeRevoked: (newOwner: CreditReferral, note: string, f: DateFormatter) =>
    `HR overturned the credit decision and moved the credit to the referral ${newOwner.referrerName} made for ${newOwner.jobTitle} on ${f.date(newOwner.submittedAt)}, noting: ${quote(note)}.`,
};
