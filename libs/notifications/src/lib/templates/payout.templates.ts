import type { Money, TemplateDefinition } from './template.types';

export interface PayoutApprovedParams {
  referrerName: string;
  candidateName: string;
  amount: Money;
  /** e.g. "second tranche (50%)". */
  trancheLabel: string;
  /** The payroll date (YYYY-MM-DD) when known. */
  expectedPayDate: string | null;
  payoutUrl: string;
}

export interface PayoutPaidParams {
  referrerName: string;
  candidateName: string;
  amount: Money;
  trancheLabel: string;
  /** The payroll date (YYYY-MM-DD). */
  paidOn: string;
  payoutUrl: string;
}

export const payoutApproved: TemplateDefinition<PayoutApprovedParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: false,
  render: (p, f) => ({
    subject: `Your referral bonus of ${f.money(p.amount)} was approved`,
    preheader: `For referring ${p.candidateName}.`,
    greeting: `Hi ${p.referrerName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `the ${p.trancheLabel} of your bonus for referring ${p.candidateName} was approved.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Amount', value: f.money(p.amount) },
          {
            label: 'Expected payroll',
            value: p.expectedPayDate ? f.calendarDate(p.expectedPayDate) : 'the next payroll run',
          },
        ],
      },
      { kind: 'action', label: 'See my bonuses', url: p.payoutUrl },
    ],
    summary: `Bonus of ${f.money(p.amount)} approved (${p.candidateName})`,
    url: p.payoutUrl,
  }),
};

export const payoutPaid: TemplateDefinition<PayoutPaidParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: false,
  render: (p, f) => ({
    subject: `Your referral bonus of ${f.money(p.amount)} was paid`,
    preheader: `With the payroll of ${f.calendarDate(p.paidOn)}.`,
    greeting: `Hi ${p.referrerName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `the ${p.trancheLabel} of your bonus for referring ${p.candidateName} was paid with the payroll of ${f.calendarDate(p.paidOn)}.`,
      },
      { kind: 'facts', items: [{ label: 'Amount', value: f.money(p.amount) }] },
      { kind: 'action', label: 'See my bonuses', url: p.payoutUrl },
    ],
    summary: `Bonus of ${f.money(p.amount)} paid (${p.candidateName})`,
    url: p.payoutUrl,
  }),
};

export interface PayoutEndedParams {
  referrerName: string;
  candidateName: string;
  amount: Money;
  trancheLabel: string;
  /** `cancelled` by HR or by an un-hire; `forfeited` when a condition failed on the due date. */
  outcome: 'cancelled' | 'forfeited';
  /** Why, as recorded on the payout. */
  reason: string;
  payoutUrl: string;
}

/** A tranche that will not be paid: the referrer learns it, with the reason, from us first. */
export const payoutEnded: TemplateDefinition<PayoutEndedParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: false,
  render: (p, f) => ({
    subject: `A tranche of your referral bonus was ${p.outcome}`,
    preheader: `For referring ${p.candidateName}.`,
    greeting: `Hi ${p.referrerName},`,
    blocks: [
      {
        kind: 'paragraph',
        text:
          p.outcome === 'forfeited'
            ? `the ${p.trancheLabel} of your bonus for referring ${p.candidateName} will not be paid: a condition of the bonus policy did not hold on its due date.`
            : `the ${p.trancheLabel} of your bonus for referring ${p.candidateName} was cancelled and will not be paid.`,
      },
      {
        kind: 'facts',
        items: [
          { label: 'Amount', value: f.money(p.amount) },
          { label: 'Reason', value: p.reason },
        ],
      },
      {
        kind: 'paragraph',
        text: 'If you think this is a mistake, reply to your HR team; they can see the full history.',
      },
      { kind: 'action', label: 'See my bonuses', url: p.payoutUrl },
    ],
    summary: `Bonus tranche of ${f.money(p.amount)} ${p.outcome} (${p.candidateName})`,
    url: p.payoutUrl,
  }),
};
