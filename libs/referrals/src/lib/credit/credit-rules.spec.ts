import { DEFAULT_CREDIT_SETTINGS } from './credit-settings';
import { decideCredit, type DecideCreditInput } from './credit-rules';
import type {
  CreditDecision,
  CreditJob,
  CreditReferral,
  CreditReferrer,
  CreditSettings,
  PriorApplication,
} from './credit.types';

const BACKEND: CreditJob = {
  id: 'job-backend',
  title: 'Backend Engineer',
  hiringManagerId: 'u-hana',
  recruiterId: 'u-raj',
};
const FRONTEND: CreditJob = {
  id: 'job-frontend',
  title: 'Frontend Engineer',
  hiringManagerId: 'u-fred',
  recruiterId: null,
};
const JOBS = { backend: BACKEND, frontend: FRONTEND };

const PEOPLE = {
  maria: { id: 'u-maria', name: 'Maria Lopez', email: 'maria@peerline.example', groups: [] },
  bob: { id: 'u-bob', name: 'Bob Chen', email: 'bob@peerline.example', groups: ['engineering'] },
  hana: {
    id: 'u-hana',
    name: 'Hana Meyer',
    email: 'hana@peerline.example',
    groups: ['people-managers'],
  },
  raj: { id: 'u-raj', name: 'Raj Patel', email: 'raj@peerline.example', groups: [] },
  fred: { id: 'u-fred', name: 'Fred Olsen', email: 'fred@peerline.example', groups: [] },
  tia: {
    id: 'u-tia',
    name: 'Tia Nakamura',
    email: 'tia@peerline.example',
    groups: ['engineering', 'talent-acquisition'],
  },
  ana: { id: 'u-ana', name: 'Ana Silva', email: 'Ana@Example.com', groups: [] },
} satisfies Record<string, CreditReferrer>;
type Person = keyof typeof PEOPLE;

const ANA = 'ana@example.com';

interface RefSpec {
  id: string;
  by: Person;
  job?: keyof typeof JOBS;
  email?: string;
  ats?: string[];
  at: string;
  credited?: boolean;
}

function ref(spec: RefSpec): CreditReferral {
  const job = JOBS[spec.job ?? 'backend'];
  const referrer = PEOPLE[spec.by];
  return {
    id: spec.id,
    referrerId: referrer.id,
    referrerName: referrer.name,
    jobId: job.id,
    jobTitle: job.title,
    candidate: { email: spec.email ?? ANA, atsCandidateIds: spec.ats ?? [] },
    submittedAt: new Date(spec.at),
    credited: spec.credited ?? false,
  };
}

function applied(at: string, opts: { email?: string; ats?: string[]; via?: string } = {}) {
  return {
    candidate: { email: opts.email ?? ANA, atsCandidateIds: opts.ats ?? [] },
    appliedAt: new Date(at),
    viaReferralId: opts.via ?? null,
  } satisfies PriorApplication;
}

interface Row {
  name: string;
  settings?: Partial<CreditSettings>;
  referral: RefSpec;
  others?: RefSpec[];
  prior?: PriorApplication[];
  locale?: string;
  timeZone?: string;
  expected: {
    status: CreditDecision['status'];
    rule: CreditDecision['rule'];
    owner: string | null;
    revoke?: string[];
    explanation?: string;
    revokeExplanation?: string;
  };
}

const JOB_MODEL = { model: 'job' } as const;
// Maria's credited referral of Ana for Backend Engineer, the usual owner in these rows.
const MARIA_OWNS: RefSpec = {
  id: 'r-maria',
  by: 'maria',
  at: '2026-03-03T10:00:00Z',
  credited: true,
};

const rows: Row[] = [
  // Candidate model
  {
    name: 'candidate model: the first valid referral is credited',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'credited',
      rule: 'first_valid_candidate',
      owner: 'r-bob',
      explanation:
        'Bob Chen referred this candidate for Backend Engineer on 3 March 2026, the first valid referral of this candidate; under the 12-month ownership rule the credit stays with this referral for any job until 3 March 2027.',
    },
  },
  {
    name: 'candidate model: a referral for another job inside the window is a duplicate',
    referral: { id: 'r-bob', by: 'bob', job: 'frontend', at: '2026-06-10T09:00:00Z' },
    others: [MARIA_OWNS],
    expected: {
      status: 'duplicate',
      rule: 'ownership_window_owned',
      owner: 'r-maria',
      explanation:
        'Maria Lopez referred this candidate for Backend Engineer on 3 March 2026; under the 12-month ownership rule the credit stays with that referral.',
    },
  },
  {
    name: 'candidate model: the same job referred twice is a duplicate',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-04T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'candidate model: one millisecond before the window ends is still a duplicate',
    referral: { id: 'r-bob', by: 'bob', at: '2027-03-03T09:59:59.999Z' },
    others: [MARIA_OWNS],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'candidate model: exactly at the end of the window the new referral becomes the owner',
    referral: { id: 'r-bob', by: 'bob', at: '2027-03-03T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: {
      status: 'credited',
      rule: 'ownership_expired_new_owner',
      owner: 'r-bob',
      revoke: [],
      explanation:
        "Bob Chen referred this candidate for Backend Engineer on 3 March 2027, after the 12-month ownership of Maria Lopez's referral from 3 March 2026 had ended; the credit now stays with this referral for any job until 3 March 2028.",
    },
  },
  {
    name: 'candidate model: a 6-month window counts calendar months and clamps 31 Aug to 28 Feb',
    settings: { ownershipWindowMonths: 6 },
    referral: { id: 'r-bob', by: 'bob', at: '2027-02-28T12:00:00Z' },
    others: [{ id: 'r-maria', by: 'maria', at: '2026-08-31T12:00:00Z', credited: true }],
    expected: { status: 'credited', rule: 'ownership_expired_new_owner', owner: 'r-bob' },
  },
  {
    name: 'candidate model: a 6-month window from 31 Aug still covers 27 Feb',
    settings: { ownershipWindowMonths: 6 },
    referral: { id: 'r-bob', by: 'bob', at: '2027-02-27T12:00:00Z' },
    others: [{ id: 'r-maria', by: 'maria', at: '2026-08-31T12:00:00Z', credited: true }],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'candidate model: an earlier referral that holds no credit owns nothing',
    referral: { id: 'r-bob', by: 'bob', at: '2026-04-01T10:00:00Z' },
    others: [{ ...MARIA_OWNS, credited: false }],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'candidate model: the earliest of several credited owners is named',
    referral: { id: 'r-bob', by: 'bob', at: '2026-05-01T10:00:00Z' },
    others: [{ id: 'r-tia', by: 'tia', at: '2026-04-01T10:00:00Z', credited: true }, MARIA_OWNS],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'candidate model: an earlier referral decided late displaces the credited later one',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-02T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: {
      status: 'credited',
      rule: 'first_valid_candidate',
      owner: 'r-bob',
      revoke: ['r-maria'],
      revokeExplanation:
        'Bob Chen referred this candidate for Backend Engineer on 2 March 2026, ahead of this referral; under the 12-month ownership rule the credit moves to that referral.',
    },
  },
  {
    name: 'candidate model: an earlier referral does not displace one outside its window',
    referral: { id: 'r-bob', by: 'bob', at: '2025-01-15T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob', revoke: [] },
  },
  {
    name: 'tie at the same instant: the smaller id already credited keeps the credit',
    referral: { id: 'r-b', by: 'bob', at: '2026-03-03T10:00:00Z' },
    others: [{ id: 'r-a', by: 'maria', at: '2026-03-03T10:00:00Z', credited: true }],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-a' },
  },
  {
    name: 'tie at the same instant: the smaller id decided second takes the credit',
    referral: { id: 'r-a', by: 'bob', at: '2026-03-03T10:00:00Z' },
    others: [{ id: 'r-b', by: 'maria', at: '2026-03-03T10:00:00Z', credited: true }],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-a', revoke: ['r-b'] },
  },

  // Job model
  {
    name: 'job model: the first valid referral for a job is credited',
    settings: JOB_MODEL,
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'credited',
      rule: 'first_valid_job',
      owner: 'r-bob',
      explanation:
        'Bob Chen referred this candidate for Backend Engineer on 3 March 2026, the first valid referral of this candidate for this job; under the first-referral-per-job rule the credit stays with this referral.',
    },
  },
  {
    name: 'job model: the same job referred twice is a duplicate',
    settings: JOB_MODEL,
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-10T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: {
      status: 'duplicate',
      rule: 'job_already_referred',
      owner: 'r-maria',
      explanation:
        'Maria Lopez referred this candidate for Backend Engineer on 3 March 2026; under the first-referral-per-job rule the credit stays with that referral.',
    },
  },
  {
    name: 'job model: a referral for another job is independent',
    settings: JOB_MODEL,
    referral: { id: 'r-bob', by: 'bob', job: 'frontend', at: '2026-03-10T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'credited', rule: 'first_valid_job', owner: 'r-bob', revoke: [] },
  },
  {
    name: 'job model: the same job stays owned after the ownership window (no window per job)',
    settings: JOB_MODEL,
    referral: { id: 'r-bob', by: 'bob', at: '2028-06-01T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'duplicate', rule: 'job_already_referred', owner: 'r-maria' },
  },
  {
    name: 'job model: an earlier referral decided late displaces the credited one for that job only',
    settings: JOB_MODEL,
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-01T10:00:00Z' },
    others: [
      MARIA_OWNS,
      { id: 'r-tia', by: 'tia', job: 'frontend', at: '2026-03-05T10:00:00Z', credited: true },
    ],
    expected: {
      status: 'credited',
      rule: 'first_valid_job',
      owner: 'r-bob',
      revoke: ['r-maria'],
      revokeExplanation:
        'Bob Chen referred this candidate for Backend Engineer on 1 March 2026, ahead of this referral; under the first-referral-per-job rule the credit moves to that referral.',
    },
  },

  // Candidate identity
  {
    name: 'identity: e-mails differing in case and surrounding whitespace are the same person',
    referral: { id: 'r-bob', by: 'bob', email: '  ANA@Example.COM\t', at: '2026-04-01T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'identity: composed and decomposed accents are the same person',
    referral: {
      id: 'r-bob',
      by: 'bob',
      email: 'jose\u0301@example.com',
      at: '2026-04-01T10:00:00Z',
    },
    others: [{ ...MARIA_OWNS, email: 'jos\u00e9@example.com' }],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'identity: a plus tag is a different address',
    referral: { id: 'r-bob', by: 'bob', email: 'ana+jobs@example.com', at: '2026-04-01T10:00:00Z' },
    others: [MARIA_OWNS],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'identity: two e-mails sharing an ATS candidate id are the same person (merge)',
    referral: {
      id: 'r-bob',
      by: 'bob',
      email: 'ana.silva@work.example',
      ats: ['gh-1:4711'],
      at: '2026-04-01T10:00:00Z',
    },
    others: [{ ...MARIA_OWNS, ats: ['gh-1:4711'] }],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'identity: the same number from two ATS integrations is not a match',
    referral: {
      id: 'r-bob',
      by: 'bob',
      email: 'ana.silva@work.example',
      ats: ['lever-2:4711'],
      at: '2026-04-01T10:00:00Z',
    },
    others: [{ ...MARIA_OWNS, ats: ['gh-1:4711'] }],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'identity: links are followed transitively (e-mail, then ATS id)',
    referral: { id: 'r-bob', by: 'bob', at: '2026-04-01T10:00:00Z' },
    others: [
      { id: 'r-tia', by: 'tia', ats: ['gh-1:4711'], at: '2026-03-20T10:00:00Z' },
      { ...MARIA_OWNS, email: 'ana.silva@work.example', ats: ['gh-1:4711'] },
    ],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    // Listed so that no single pass over the others can connect the owner.
    name: 'identity: links are followed over several hops in any listing order',
    referral: { id: 'r-bob', by: 'bob', at: '2026-04-01T10:00:00Z' },
    others: [
      { id: 'r-tia', by: 'tia', ats: ['gh-1:4711'], at: '2026-03-20T10:00:00Z' },
      {
        id: 'r-fred',
        by: 'fred',
        email: 'ana.silva@work.example',
        ats: ['gh-1:4711', 'lever-2:88'],
        at: '2026-03-21T10:00:00Z',
      },
      { ...MARIA_OWNS, email: 'a.silva@home.example', ats: ['lever-2:88'] },
    ],
    expected: { status: 'duplicate', rule: 'ownership_window_owned', owner: 'r-maria' },
  },
  {
    name: 'identity: a referral of somebody else is ignored',
    referral: { id: 'r-bob', by: 'bob', at: '2026-04-01T10:00:00Z' },
    others: [{ ...MARIA_OWNS, email: 'noah@example.com' }],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },

  // Ineligible referrers
  {
    name: "ineligible: the job's hiring manager",
    referral: { id: 'r-hana', by: 'hana', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'ineligible',
      rule: 'hiring_manager',
      owner: null,
      revoke: [],
      explanation:
        "Hana Meyer is the hiring manager for Backend Engineer, and a job's hiring manager cannot earn referral credit for it.",
    },
  },
  {
    name: "ineligible: the job's recruiter",
    referral: { id: 'r-raj', by: 'raj', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'ineligible',
      rule: 'recruiter',
      owner: null,
      explanation:
        "Raj Patel is the recruiter for Backend Engineer, and a job's recruiter cannot earn referral credit for it.",
    },
  },
  {
    name: "eligible: another job's hiring manager",
    referral: { id: 'r-fred', by: 'fred', at: '2026-03-03T10:00:00Z' },
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-fred' },
  },
  {
    name: 'ineligible: a referrer in an excluded group',
    settings: { excludedGroups: ['talent-acquisition'] },
    referral: { id: 'r-tia', by: 'tia', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'ineligible',
      rule: 'excluded_group',
      owner: null,
      explanation:
        'Tia Nakamura is in the group "talent-acquisition", whose members cannot earn referral credit under this organization\'s rules.',
    },
  },
  {
    name: 'eligible: a referrer whose groups are not excluded',
    settings: { excludedGroups: ['talent-acquisition'] },
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'ineligible: a self-referral, matched on the normalized e-mail',
    referral: { id: 'r-ana', by: 'ana', at: '2026-03-03T10:00:00Z' },
    expected: {
      status: 'ineligible',
      rule: 'self_referral',
      owner: null,
      explanation: 'Ana Silva referred themselves, and self-referrals cannot earn referral credit.',
    },
  },

  // Prior applicants
  {
    name: 'prior applicant: a direct application two months earlier',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-01-03T10:00:00Z')],
    expected: {
      status: 'ineligible',
      rule: 'prior_applicant',
      owner: null,
      explanation:
        'This candidate had already applied without a referral in the 6 months before this referral, so under the prior-applicant rule it cannot earn credit.',
    },
  },
  {
    name: 'prior applicant: one millisecond inside the 6-month window',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T09:59:59.999Z' },
    prior: [applied('2025-09-03T10:00:00Z')],
    expected: { status: 'ineligible', rule: 'prior_applicant', owner: null },
  },
  {
    name: 'prior applicant: exactly 6 months earlier is outside the window',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2025-09-03T10:00:00Z')],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'prior applicant: an application through a referral does not count',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-02-03T10:00:00Z', { via: 'r-old' })],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'prior applicant: an application after the referral does not count',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-03-03T10:00:00.001Z')],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'prior applicant: matched through the ATS candidate id',
    referral: { id: 'r-bob', by: 'bob', ats: ['gh-1:4711'], at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-02-01T10:00:00Z', { email: 'ana@old.example', ats: ['gh-1:4711'] })],
    expected: { status: 'ineligible', rule: 'prior_applicant', owner: null },
  },
  {
    name: "prior applicant: somebody else's application does not count",
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-02-01T10:00:00Z', { email: 'noah@example.com' })],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },
  {
    name: 'prior applicant: a window of 0 months switches the rule off',
    settings: { priorApplicantWindowMonths: 0 },
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' },
    prior: [applied('2026-03-01T10:00:00Z')],
    expected: { status: 'credited', rule: 'first_valid_candidate', owner: 'r-bob' },
  },

  // Order of evaluation
  {
    name: 'order: hiring manager comes before excluded group',
    settings: { excludedGroups: ['people-managers'] },
    referral: { id: 'r-hana', by: 'hana', at: '2026-03-03T10:00:00Z' },
    others: [],
    expected: { status: 'ineligible', rule: 'hiring_manager', owner: null },
  },
  {
    name: 'order: an ineligible referrer is not told about an existing owner',
    referral: { id: 'r-raj', by: 'raj', at: '2026-04-01T10:00:00Z' },
    others: [MARIA_OWNS],
    prior: [applied('2026-02-01T10:00:00Z')],
    expected: { status: 'ineligible', rule: 'recruiter', owner: null },
  },
  {
    name: 'order: prior applicant comes before the duplicate rules',
    referral: { id: 'r-bob', by: 'bob', at: '2026-04-01T10:00:00Z' },
    others: [MARIA_OWNS],
    prior: [applied('2026-03-20T10:00:00Z')],
    expected: { status: 'ineligible', rule: 'prior_applicant', owner: null },
  },
  {
    name: 'order: self-referral comes before hiring manager',
    referral: { id: 'r-hana', by: 'hana', email: 'hana@peerline.example', at: '2026-03-03T10:00Z' },
    expected: { status: 'ineligible', rule: 'self_referral', owner: null },
  },

  // Formatting
  {
    name: 'format: the date is shown in the given locale and time zone',
    locale: 'de-DE',
    timeZone: 'Pacific/Auckland',
    referral: { id: 'r-bob', by: 'bob', at: '2026-03-10T10:00:00Z' },
    others: [{ ...MARIA_OWNS, at: '2026-03-02T20:00:00Z' }],
    expected: {
      status: 'duplicate',
      rule: 'ownership_window_owned',
      owner: 'r-maria',
      explanation:
        'Maria Lopez referred this candidate for Backend Engineer on 3. März 2026; under the 12-month ownership rule the credit stays with that referral.',
    },
  },
];

function run(row: Row): CreditDecision {
  const referral = ref(row.referral);
  const input: DecideCreditInput = {
    settings: { ...DEFAULT_CREDIT_SETTINGS, ...row.settings },
    referral,
    job: JOBS[row.referral.job ?? 'backend'],
    referrer: PEOPLE[row.referral.by],
    others: (row.others ?? []).map(ref),
    priorApplications: row.prior ?? [],
    locale: row.locale,
    timeZone: row.timeZone,
  };
  return decideCredit(input);
}

describe('decideCredit', () => {
  it('has a table of at least 25 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const decision = run(row);
    const { expected } = row;
    expect(decision.status).toBe(expected.status);
    expect(decision.rule).toBe(expected.rule);
    expect(decision.ownerReferralId).toBe(expected.owner);
    if (expected.revoke !== undefined) {
      expect(decision.revoke.map((r) => r.referralId)).toEqual(expected.revoke);
    }
    if (expected.explanation !== undefined) {
      expect(decision.explanation).toBe(expected.explanation);
    }
    if (expected.revokeExplanation !== undefined) {
      expect(decision.revoke.map((r) => r.explanation)).toEqual([expected.revokeExplanation]);
    }
    // Whatever the rule, the referrer always gets a sentence, and nothing else is revoked.
    expect(decision.explanation).toMatch(/^[A-Z].*\.$/);
    if (decision.status !== 'credited') expect(decision.revoke).toEqual([]);
    for (const revocation of decision.revoke) {
      expect(revocation.status).toBe('duplicate');
      expect(revocation.rule).toBe(
        row.settings?.model === 'job' ? 'job_already_referred' : 'ownership_window_owned',
      );
    }
  });

  it('ignores the referral itself when it is passed among the others', () => {
    const referral = ref({ id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z', credited: true });
    const decision = decideCredit({
      settings: DEFAULT_CREDIT_SETTINGS,
      referral,
      job: BACKEND,
      referrer: PEOPLE.bob,
      others: [referral],
      priorApplications: [],
    });
    expect(decision).toMatchObject({ status: 'credited', ownerReferralId: 'r-bob', revoke: [] });
  });

  it.each([
    ['a job that is not the referral job', { job: FRONTEND }, /job does not match/],
    ['a referrer that is not the referral referrer', { referrer: PEOPLE.maria }, /referrer/],
    [
      'an invalid ownership window',
      { settings: { ...DEFAULT_CREDIT_SETTINGS, ownershipWindowMonths: 0 } },
      /ownershipWindowMonths/,
    ],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, /time zone/i],
  ] as const)('refuses %s', (_name, override, message) => {
    const input: DecideCreditInput = {
      settings: DEFAULT_CREDIT_SETTINGS,
      referral: ref({ id: 'r-bob', by: 'bob', at: '2026-03-03T10:00:00Z' }),
      job: BACKEND,
      referrer: PEOPLE.bob,
      others: [],
      priorApplications: [],
      ...override,
    };
    expect(() => decideCredit(input)).toThrow(message);
  });
});
