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
