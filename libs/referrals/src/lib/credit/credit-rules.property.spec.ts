import fc from 'fast-check';
import { addCalendarMonths } from './calendar-months';
import { DEFAULT_CREDIT_SETTINGS } from './credit-settings';
import { compareReferralOrder, decideCredit } from './credit-rules';
import type { CreditDecision, CreditModel, CreditReferral } from './credit.types';

// Arrival order differs from submission order when consents race or a decision is retried.
// These properties replay the same referrals in every order the generator picks, applying each
// decision (and its revocations) to a little store the way the service would.

const BASE = Date.UTC(2026, 0, 31, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const JOB_IDS = ['job-a', 'job-b', 'job-c'];

interface Spec {
  id: string;
  day: number;
  // A few distinct instants per day so that same-instant ties are common.
  slot: number;
  job: number;
  upperCaseEmail: boolean;
}

function referralsOf(specs: readonly Spec[]): CreditReferral[] {
  return specs.map((s, i) => ({
    id: s.id,
    referrerId: `u-${i % 3}`,
    referrerName: `Referrer ${i % 3}`,
    jobId: JOB_IDS[s.job],
    jobTitle: JOB_IDS[s.job],
    // Same person, spelled differently on purpose.
    candidate: {
      email: s.upperCaseEmail ? ' ANA@EXAMPLE.COM ' : 'ana@example.com',
      atsCandidateIds: [],
    },
    submittedAt: new Date(BASE + s.day * DAY + s.slot * 1000),
    credited: false,
  }));
}

function specs(maxDay: number) {
  return fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[0-9a-f]{6}$/),
      day: fc.integer({ min: 0, max: maxDay }),
      slot: fc.integer({ min: 0, max: 2 }),
      job: fc.integer({ min: 0, max: JOB_IDS.length - 1 }),
      upperCaseEmail: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8, selector: (s) => s.id },
  );
}

function arrivals(maxDay: number) {
  return specs(maxDay).chain((list) =>
    fc.tuple(
      fc.constant(referralsOf(list)),
      fc.shuffledSubarray(referralsOf(list), { minLength: list.length, maxLength: list.length }),
    ),
  );
}

function replay(model: CreditModel, order: readonly CreditReferral[]) {
  const store = new Map<string, CreditReferral>();
  const decisions = new Map<string, CreditDecision>();
  const settings = { ...DEFAULT_CREDIT_SETTINGS, model };
  for (const referral of order) {
    const decision = decideCredit({
      settings,
      referral,
      job: {
        id: referral.jobId,
        title: referral.jobTitle,
        hiringManagerId: null,
        recruiterId: null,
      },
      referrer: {
        id: referral.referrerId,
        name: referral.referrerName,
        email: 'x@corp',
        groups: [],
      },
      others: [...store.values()],
      priorApplications: [],
    });
    decisions.set(referral.id, decision);
    store.set(referral.id, { ...referral, credited: decision.status === 'credited' });
    for (const revoked of decision.revoke) {
      const previous = store.get(revoked.referralId);
      if (previous === undefined || !previous.credited) {
        throw new Error(`revoked ${revoked.referralId}, which held no credit`);
      }
      store.set(revoked.referralId, { ...previous, credited: false });
    }
  }
  const credited = [...store.values()].filter((r) => r.credited).sort(compareReferralOrder);
  return { store, decisions, credited };
}

describe('decideCredit, replayed in any arrival order', () => {
  it('candidate model: inside one window exactly the first referral ends up credited', () => {
    fc.assert(
      fc.property(arrivals(330), ([all, order]) => {
        const { store, decisions, credited } = replay('candidate', order);
        const first = [...all].sort(compareReferralOrder)[0];
        expect(credited.map((r) => r.id)).toEqual([first.id]);
        // Never silently dropped: every referral has a decision with a sentence.
        expect(store.size).toBe(all.length);
        for (const d of decisions.values()) expect(d.explanation.length).toBeGreaterThan(20);
      }),
      { numRuns: 200 },
    );
  });

  it('candidate model: over several years no credited referral falls inside another one’s window', () => {
    fc.assert(
      fc.property(arrivals(4 * 365), ([, order]) => {
        const { credited } = replay('candidate', order);
        expect(credited.length).toBeGreaterThanOrEqual(1);
        for (let i = 1; i < credited.length; i++) {
          const windowEnd = addCalendarMonths(credited[i - 1].submittedAt, 12).getTime();
          expect(credited[i].submittedAt.getTime()).toBeGreaterThanOrEqual(windowEnd);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('candidate model: arriving in submission order gives the same owners as the rule says', () => {
    fc.assert(
      fc.property(arrivals(4 * 365), ([all]) => {
        const sorted = [...all].sort(compareReferralOrder);
        const expected: string[] = [];
        let windowEnd = -Infinity;
        for (const r of sorted) {
          if (r.submittedAt.getTime() >= windowEnd) {
            expected.push(r.id);
            windowEnd = addCalendarMonths(r.submittedAt, 12).getTime();
          }
        }
        const { credited } = replay('candidate', sorted);
        expect(credited.map((r) => r.id)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('job model: per job exactly the first referral ends up credited, jobs are independent', () => {
    fc.assert(
      fc.property(arrivals(4 * 365), ([all, order]) => {
        const { credited } = replay('job', order);
        const expected = JOB_IDS.flatMap((jobId) => {
          const first = all.filter((r) => r.jobId === jobId).sort(compareReferralOrder)[0];
          return first === undefined ? [] : [first.id];
        }).sort();
        expect(credited.map((r) => r.id).sort()).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
