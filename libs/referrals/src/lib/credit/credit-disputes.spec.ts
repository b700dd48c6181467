import { resolveDispute, type ResolveDisputeInput } from './credit-disputes';
import { decideCredit } from './credit-rules';
import { DEFAULT_CREDIT_SETTINGS } from './credit-settings';
import type { CreditReferral } from './credit.types';

const maria: CreditReferral = {
  id: 'r-maria',
  referrerId: 'u-maria',
  referrerName: 'Maria Lopez',
  jobId: 'job-backend',
  jobTitle: 'Backend Engineer',
  candidate: { email: 'ana@example.com', atsCandidateIds: [] },
  submittedAt: new Date('2026-03-03T10:00:00Z'),
  credited: true,
};
const bob: CreditReferral = {
  id: 'r-bob',
  referrerId: 'u-bob',
  referrerName: 'Bob Chen',
  jobId: 'job-frontend',
  jobTitle: 'Frontend Engineer',
  candidate: { email: 'ana@example.com', atsCandidateIds: [] },
  submittedAt: new Date('2026-03-20T10:00:00Z'),
  credited: false,
};
const NOTE = 'Ana confirmed that Bob introduced her to the team in February.';

function input(overrides: Partial<ResolveDisputeInput> = {}): ResolveDisputeInput {
  return { decision: 'overturn', disputed: bob, currentOwner: maria, note: NOTE, ...overrides };
}

describe('resolveDispute', () => {
  it('changes nothing when HR upholds the decision', () => {
    expect(resolveDispute(input({ decision: 'uphold' }))).toEqual({ credit: [], revoke: [] });
  });

  it('moves the credit to the disputed referral and revokes the owner on overturn', () => {
    expect(resolveDispute(input())).toEqual({
      credit: [
        {
          referralId: 'r-bob',
          status: 'credited',
          rule: 'dispute_overturned',
          explanation:
            'HR overturned the credit decision and gave the credit to the referral Bob Chen made for Frontend Engineer on 20 March 2026, noting: "Ana confirmed that Bob introduced her to the team in February.".',
        },
      ],
      revoke: [
        {
          referralId: 'r-maria',
          status: 'duplicate',
          rule: 'dispute_overturned',
          explanation:
            'HR overturned the credit decision and moved the credit to the referral Bob Chen made for Frontend Engineer on 20 March 2026, noting: "Ana confirmed that Bob introduced her to the team in February.".',
        },
      ],
    });
  });

  it('credits an ineligible referral without revoking anyone when nobody holds the credit', () => {
    const result = resolveDispute(input({ currentOwner: null }));
    expect(result.credit.map((c) => c.referralId)).toEqual(['r-bob']);
    expect(result.revoke).toEqual([]);
  });

  it('keeps the note on one line and shows dates in the given zone', () => {
    const result = resolveDispute(
      input({
        note: '  Checked the\n ATS  history. ',
        disputed: { ...bob, submittedAt: new Date('2026-03-20T23:30:00Z') },
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(result.credit[0].explanation).toBe(
      'HR overturned the credit decision and gave the credit to the referral Bob Chen made for Frontend Engineer on 21 March 2026, noting: "Checked the ATS history.".',
    );
  });

  it('after an overturn a new referral of the candidate is a duplicate of the new owner', () => {
    const { credit, revoke } = resolveDispute(input());
    const credited = new Set(credit.map((c) => c.referralId));
    const revoked = new Set(revoke.map((r) => r.referralId));
    const stored = [maria, bob].map((r) => ({
      ...r,
      credited: credited.has(r.id) || (r.credited && !revoked.has(r.id)),
    }));
    const later: CreditReferral = {
      ...bob,
      id: 'r-tia',
      referrerId: 'u-tia',
      referrerName: 'Tia Nakamura',
      submittedAt: new Date('2026-05-01T10:00:00Z'),
    };
    const decision = decideCredit({
      settings: DEFAULT_CREDIT_SETTINGS,
      referral: later,
      job: {
        id: 'job-frontend',
        title: 'Frontend Engineer',
        hiringManagerId: null,
        recruiterId: null,
      },
      referrer: { id: 'u-tia', name: 'Tia Nakamura', email: 'tia@corp.example', groups: [] },
      others: stored,
      priorApplications: [],
    });
    expect(decision).toMatchObject({ status: 'duplicate', ownerReferralId: 'r-bob' });
  });

  it.each([
    ['an empty note on overturn', input({ note: '  ' }), /note/],
    ['an empty note on uphold', input({ decision: 'uphold', note: '' }), /note/],
    [
      'a disputed referral that already holds the credit',
      input({ disputed: { ...bob, credited: true } }),
      /already holds/,
    ],
    [
      'an owner that holds no credit',
      input({ currentOwner: { ...maria, credited: false } }),
      /hold the credit/,
    ],
    [
      'the disputed referral as its own owner',
      input({ currentOwner: { ...bob, credited: true } }),
      /another referral/,
    ],
  ] as const)('refuses %s', (_name, bad, message) => {
    expect(() => resolveDispute(bad)).toThrow(message);
  });
});
