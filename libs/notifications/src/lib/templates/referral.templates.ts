import type { TemplateDefinition } from './template.types';

export interface ReferralConsentParams {
  candidateName: string;
  referrerName: string;
  organizationName: string;
  jobTitle: string;
  /** Accept and decline are both on this page; the link is single-use. */
  consentUrl: string;
  expiresAt: string;
}

export interface ReferralStatusChangedParams {
  referrerName: string;
  candidateName: string;
  jobTitle: string;
  /** The new referral state, e.g. `interviewing` (API.md lists them). */
  status: string;
  referralUrl: string;
}

/** Wording for the referral states; an unknown state is shown as it is. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  awaiting_consent: 'is waiting for the candidate’s consent',
  lapsed: 'lapsed: the candidate did not answer in time',
  declined_by_candidate: 'was declined by the candidate',
  submitted: 'was submitted to the hiring team',
  duplicate: 'is a duplicate of an earlier application',
  ineligible: 'is not eligible for a bonus',
  in_review: 'is being reviewed',
  interviewing: 'moved to interviews',
  offer: 'reached the offer stage',
  hired: 'ended in a hire',
  rejected: 'was not successful this time',
  withdrawn: 'was withdrawn',
};

export function referralStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? `is now “${status}”`;
}

export const referralConsent: TemplateDefinition<ReferralConsentParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p, f) => ({
    subject: `${p.referrerName} would like to refer you for ${p.jobTitle} at ${p.organizationName}`,
    preheader: 'Nothing is shared with the hiring team until you agree.',
    greeting: `Hi ${p.candidateName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${p.referrerName} would like to recommend you for the role ${p.jobTitle} at ${p.organizationName}. Your details go to the hiring team only if you agree.`,
      },
      { kind: 'action', label: 'Review and decide', url: p.consentUrl },
      {
        kind: 'note',
        text: `The link expires on ${f.dateTime(p.expiresAt)}. If you do nothing, the referral lapses and your details are deleted.`,
      },
    ],
    summary: `${p.referrerName} would like to refer you for ${p.jobTitle}`,
    url: p.consentUrl,
  }),
};

export const referralStatusChanged: TemplateDefinition<ReferralStatusChangedParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: true,
  render: (p) => ({
    subject: `Your referral of ${p.candidateName} ${referralStatusLabel(p.status)}`,
    preheader: `${p.jobTitle}`,
    greeting: `Hi ${p.referrerName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `your referral of ${p.candidateName} for ${p.jobTitle} ${referralStatusLabel(p.status)}.`,
      },
      { kind: 'action', label: 'See the referral', url: p.referralUrl },
    ],
    summary: `Referral of ${p.candidateName} (${p.jobTitle}) ${referralStatusLabel(p.status)}`,
    url: p.referralUrl,
  }),
};

export interface ReferralClosingNoteParams {
  candidateName: string;
  referrerName: string;
  organizationName: string;
  jobTitle: string;
  /** How the application ended. Internal rejection reasons are never part of the note. */
  outcome: 'hired' | 'rejected' | 'withdrawn';
}

const CLOSING_TEXT: Readonly<Record<ReferralClosingNoteParams['outcome'], string>> = {
  hired: 'ended with you joining the team. Congratulations, and welcome!',
  rejected:
    'has come to an end: the hiring team decided not to move forward this time. This says nothing about future roles, and you are welcome to apply again.',
  withdrawn: 'was withdrawn, so the process for this role has ended.',
};

/** "No black hole" for the candidate: one note when the application ends, if they asked for it. */
export const referralClosingNote: TemplateDefinition<ReferralClosingNoteParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `Your application for ${p.jobTitle} at ${p.organizationName}`,
    preheader: 'How your referred application ended.',
    greeting: `Hi ${p.candidateName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `your application for ${p.jobTitle} at ${p.organizationName}, referred by ${p.referrerName}, ${CLOSING_TEXT[p.outcome]}`,
      },
      {
        kind: 'note',
        text: 'You receive this note because you asked for one when you agreed to the referral.',
      },
    ],
    summary: `Your application for ${p.jobTitle} at ${p.organizationName} has ended`,
    url: null,
  }),
};
