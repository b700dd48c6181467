import {
  bonusFor,
  normalizeLabel,
  validatePolicy,
  type PolicyDefinition,
  type PolicyRule,
} from './policy';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/** A valid policy, as posted: each test breaks one thing. */
const base = () => ({
  defaultAmount: eur(100000),
  rules: [
    { referralType: 'warm', department: 'Engineering', level: null, amount: eur(150000) },
  ] as unknown[],
  tranches: [
    { percent: 50, daysAfterStart: 0 },
    { percent: 50, daysAfterStart: 90 },
  ] as unknown[],
  conditions: { referrerEmployed: true, hireEmployed: true },
  capPerReferrerPerYear: eur(500000) as unknown,
  approvalThreshold: eur(100000) as unknown,
});

function errorsOf(p: unknown): Record<string, string[]> {
  const r = validatePolicy(p);
  if (r.ok) throw new Error('expected the policy to be refused');
  return r.errors;
}

describe('validatePolicy', () => {
  it('accepts a valid policy and returns it normalized', () => {
    const r = validatePolicy({
      ...base(),
      rules: [{ referralType: null, department: '  Sales ', level: ' Senior', amount: eur(2000) }],
    });
    expect(r).toEqual({
      ok: true,
      policy: {
        defaultAmount: eur(100000),
        rules: [{ referralType: null, department: 'Sales', level: 'Senior', amount: eur(2000) }],
        tranches: [
          { percent: 50, daysAfterStart: 0 },
          { percent: 50, daysAfterStart: 90 },
        ],
        conditions: { referrerEmployed: true, hireEmployed: true },
        capPerReferrerPerYear: eur(500000),
        approvalThreshold: eur(100000),
      },
    });
  });

  it('fills in the optional fields: no rules, no cap, no threshold', () => {
    const { defaultAmount, tranches, conditions } = base();
    const r = validatePolicy({ defaultAmount, tranches, conditions });
    expect(r.ok && r.policy.rules).toEqual([]);
    expect(r.ok && r.policy.capPerReferrerPerYear).toBeNull();
    expect(r.ok && r.policy.approvalThreshold).toBeNull();
  });

  it('accepts the limits: 50 rules, one 100 % tranche at 3650 days, amounts 0 and 2^53 − 1', () => {
    const rules = Array.from({ length: 50 }, (_, i) => ({
      referralType: null,
      department: `D${i}`,
      level: null,
      amount: eur(i === 0 ? Number.MAX_SAFE_INTEGER : 0),
    }));
    const r = validatePolicy({
      ...base(),
      defaultAmount: eur(0),
      rules,
      tranches: [{ percent: 100, daysAfterStart: 3650 }],
      approvalThreshold: eur(0),
    });
    expect(r.ok).toBe(true);
  });

  it.each<[string, (p: ReturnType<typeof base>) => unknown, string, RegExp]>([
    [
      'tranches summing to 99',
      (p) => ({
        ...p,
        tranches: [
          { percent: 49, daysAfterStart: 0 },
          { percent: 50, daysAfterStart: 90 },
        ],
      }),
      'tranches',
      /sum to exactly 100 \(they sum to 99\)/,
    ],
    [
      'tranches summing to 101',
      (p) => ({
        ...p,
        tranches: [
          { percent: 51, daysAfterStart: 0 },
          { percent: 50, daysAfterStart: 90 },
        ],
      }),
      'tranches',
      /they sum to 101/,
    ],
    [
      '33/33/33',
      (p) => ({
        ...p,
        tranches: [33, 33, 33].map((percent, i) => ({ percent, daysAfterStart: i * 30 })),
      }),
      'tranches',
      /they sum to 99/,
    ],
    ['no tranche', (p) => ({ ...p, tranches: [] }), 'tranches', /non-empty/],
    ['tranches missing', (p) => ({ ...p, tranches: undefined }), 'tranches', /non-empty/],
    [
      'a 0 % tranche',
      (p) => ({
        ...p,
        tranches: [
          { percent: 0, daysAfterStart: 0 },
          { percent: 100, daysAfterStart: 90 },
        ],
      }),
      'tranches[0].percent',
      /1 to 100/,
    ],
    [
      'a 101 % tranche',
      (p) => ({ ...p, tranches: [{ percent: 101, daysAfterStart: 0 }] }),
      'tranches[0].percent',
      /1 to 100/,
    ],
    [
      'a fractional percent',
      (p) => ({
        ...p,
        tranches: [
          { percent: 50.5, daysAfterStart: 0 },
          { percent: 49.5, daysAfterStart: 9 },
        ],
      }),
      'tranches[0].percent',
      /integer/,
    ],
    [
      'a percent as a string',
      (p) => ({ ...p, tranches: [{ percent: '100', daysAfterStart: 0 }] }),
      'tranches[0].percent',
      /integer/,
    ],
    [
      'negative days',
      (p) => ({ ...p, tranches: [{ percent: 100, daysAfterStart: -1 }] }),
      'tranches[0].daysAfterStart',
      /0 to 3650/,
    ],
    [
      '3651 days',
      (p) => ({ ...p, tranches: [{ percent: 100, daysAfterStart: 3651 }] }),
      'tranches[0].daysAfterStart',
      /0 to 3650/,
    ],
    [
      'fractional days',
      (p) => ({ ...p, tranches: [{ percent: 100, daysAfterStart: 1.5 }] }),
      'tranches[0].daysAfterStart',
      /integer/,
    ],
    [
      'days going back',
      (p) => ({
        ...p,
        tranches: [
          { percent: 50, daysAfterStart: 90 },
          { percent: 50, daysAfterStart: 0 },
        ],
      }),
      'tranches[1].daysAfterStart',
      /strictly ascending/,
    ],
    [
      'two tranches on the same day',
      (p) => ({
        ...p,
        tranches: [
          { percent: 50, daysAfterStart: 30 },
          { percent: 50, daysAfterStart: 30 },
        ],
      }),
      'tranches[1].daysAfterStart',
      /strictly ascending/,
    ],
    [
      'an unknown tranche field',
      (p) => ({ ...p, tranches: [{ percent: 100, daysAfterStart: 0, day: 1 }] }),
      'tranches[0].day',
      /unknown field/,
    ],
    [
      'a rule in another currency',
      (p) => ({
        ...p,
        rules: [
          {
            referralType: 'warm',
            department: null,
            level: null,
            amount: { amountMinor: 1, currency: 'USD' },
          },
        ],
      }),
      'currency',
      /one currency \(found EUR, USD\)/,
    ],
    [
      'a cap in another currency',
      (p) => ({ ...p, capPerReferrerPerYear: { amountMinor: 1, currency: 'GBP' } }),
      'currency',
      /found EUR, GBP/,
    ],
    [
      'a threshold in another currency',
      (p) => ({ ...p, approvalThreshold: { amountMinor: 1, currency: 'CHF' } }),
      'currency',
      /found CHF, EUR/,
    ],
    [
      'a lower-case currency',
      (p) => ({ ...p, defaultAmount: { amountMinor: 1, currency: 'eur' } }),
      'defaultAmount.currency',
      /ISO 4217/,
    ],
    [
      'a 4-letter currency',
      (p) => ({ ...p, defaultAmount: { amountMinor: 1, currency: 'EURO' } }),
      'defaultAmount.currency',
      /ISO 4217/,
    ],
    [
      'a negative amount',
      (p) => ({ ...p, defaultAmount: eur(-1) }),
      'defaultAmount.amountMinor',
      /safe integer ≥ 0/,
    ],
    [
      'a fractional amount',
      (p) => ({ ...p, defaultAmount: eur(10.5) }),
      'defaultAmount.amountMinor',
      /safe integer/,
    ],
    [
      'an amount beyond 2^53 − 1',
      (p) => ({ ...p, defaultAmount: eur(2 ** 53) }),
      'defaultAmount.amountMinor',
      /safe integer/,
    ],
    [
      'an amount as a string',
      (p) => ({ ...p, defaultAmount: { amountMinor: '100', currency: 'EUR' } }),
      'defaultAmount.amountMinor',
      /safe integer/,
    ],
    [
      'no default amount',
      (p) => ({ ...p, defaultAmount: undefined }),
      'defaultAmount',
      /amountMinor, currency/,
    ],
    [
      'a cap of 0',
      (p) => ({ ...p, capPerReferrerPerYear: eur(0) }),
      'capPerReferrerPerYear.amountMinor',
      /≥ 1/,
    ],
    [
      '51 rules',
      (p) => ({
        ...p,
        rules: Array.from({ length: 51 }, (_, i) => ({
          referralType: null,
          department: `D${i}`,
          level: null,
          amount: eur(1),
        })),
      }),
      'rules',
      /at most 50 rules/,
    ],
    ['rules not an array', (p) => ({ ...p, rules: { warm: 1 } }), 'rules', /array/],
    [
      'a rule setting no field',
      (p) => ({
        ...p,
        rules: [{ referralType: null, department: null, level: null, amount: eur(1) }],
      }),
      'rules[0]',
      /that is defaultAmount/,
    ],
    [
      'an unknown referral type',
      (p) => ({
        ...p,
        rules: [{ referralType: 'hot', department: null, level: null, amount: eur(1) }],
      }),
      'rules[0].referralType',
      /conversation, warm, cold/,
    ],
    [
      'a blank department',
      (p) => ({
        ...p,
        rules: [{ referralType: 'warm', department: '   ', level: null, amount: eur(1) }],
      }),
      'rules[0].department',
      /blank/,
    ],
    [
      'a 101-character level',
      (p) => ({
        ...p,
        rules: [{ referralType: 'warm', department: null, level: 'x'.repeat(101), amount: eur(1) }],
      }),
      'rules[0].level',
      /at most 100/,
    ],
    [
      'a numeric department',
      (p) => ({
        ...p,
        rules: [{ referralType: 'warm', department: 7, level: null, amount: eur(1) }],
      }),
      'rules[0].department',
      /string or null/,
    ],
    [
      'a duplicate rule (case and blanks aside)',
      (p) => ({
        ...p,
        rules: [
          { referralType: 'warm', department: 'Sales', level: null, amount: eur(1) },
          { referralType: 'warm', department: ' SALES ', level: null, amount: eur(2) },
        ],
      }),
      'rules[1]',
      /duplicates rules\[0\]/,
    ],
    [
      'a rule without amount',
      (p) => ({ ...p, rules: [{ referralType: 'warm', department: null, level: null }] }),
      'rules[0].amount',
      /amountMinor, currency/,
    ],
    [
      'conditions missing',
      (p) => ({ ...p, conditions: undefined }),
      'conditions',
      /referrerEmployed, hireEmployed/,
    ],
    [
      'a condition not boolean',
      (p) => ({ ...p, conditions: { referrerEmployed: 'yes', hireEmployed: true } }),
      'conditions.referrerEmployed',
      /boolean/,
    ],
    [
      'a misspelled field',
      (p) => ({ ...p, capPerReferrerPerYer: eur(1) }),
      'capPerReferrerPerYer',
      /unknown field/,
    ],
  ])('refuses %s', (_name, change, path, message) => {
    const errors = errorsOf(change(base()));
    expect(errors[path]).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it.each([null, undefined, 42, 'policy', [], [base()]])('refuses a non-object: %p', (p) => {
    expect(errorsOf(p)).toEqual({ policy: ['must be an object'] });
  });

  it('reports every error at once, by field path', () => {
    const errors = errorsOf({
      ...base(),
      defaultAmount: { amountMinor: -5, currency: 'usd' },
      tranches: [
        { percent: 60, daysAfterStart: 10 },
        { percent: 60, daysAfterStart: 5 },
      ],
      conditions: { referrerEmployed: true },
    });
    expect(Object.keys(errors).sort()).toEqual([
      'conditions.hireEmployed',
      'defaultAmount.amountMinor',
      'defaultAmount.currency',
      'tranches',
      'tranches[1].daysAfterStart',
    ]);
  });
});

describe('bonusFor', () => {
  const rule = (
    referralType: PolicyRule['referralType'],
    department: string | null,
    level: string | null,
    amountMinor: number,
  ): PolicyRule => ({ referralType, department, level, amount: eur(amountMinor) });

  const policy: PolicyDefinition = {
    defaultAmount: eur(1000),
    rules: [
      rule('warm', null, null, 2000), // 0: one field
      rule(null, 'Engineering', null, 3000), // 1: one field
      rule('warm', 'Engineering', null, 4000), // 2: two fields
      rule(null, 'engineering', 'Senior', 5000), // 3: two fields
      rule('warm', 'Engineering', 'Senior', 6000), // 4: exact
      rule('cold', null, 'senior', 7000), // 5: two fields
      rule(null, null, 'Senior', 8000), // 6: one field
    ],
    tranches: [{ percent: 100, daysAfterStart: 0 }],
    conditions: { referrerEmployed: true, hireEmployed: true },
    capPerReferrerPerYear: null,
    approvalThreshold: null,
  };

  it.each<
    [
      string,
      'conversation' | 'warm' | 'cold',
      string | null,
      string | null,
      number,
      string,
      number | null,
    ]
  >([
    ['all three fields beat everything', 'warm', 'Engineering', 'Senior', 6000, 'exact', 4],
    ['case and blanks do not matter', 'warm', '  ENGINEERING ', 'senior ', 6000, 'exact', 4],
    ['two fields beat one', 'warm', 'Engineering', 'Junior', 4000, 'two-fields', 2],
    [
      'a tie of two-field rules goes to the first listed',
      'cold',
      'Engineering',
      'Senior',
      5000,
      'two-fields',
      3,
    ],
    ['type + level without department', 'cold', null, 'Senior', 7000, 'two-fields', 5],
    ['one field: the type', 'warm', 'Sales', null, 2000, 'one-field', 0],
    ['one field: the department', 'conversation', 'engineering', null, 3000, 'one-field', 1],
    ['one field: the level', 'conversation', 'Sales', 'SENIOR', 8000, 'one-field', 6],
    [
      'a tie of one-field rules goes to the first listed',
      'warm',
      'Sales',
      'Senior',
      2000,
      'one-field',
      0,
    ],
    ['nothing matches: the default', 'conversation', 'Sales', 'Junior', 1000, 'default', null],
    [
      'an unknown department matches no department rule',
      'conversation',
      null,
      null,
      1000,
      'default',
      null,
    ],
    ['a blank department counts as unknown', 'conversation', '   ', null, 1000, 'default', null],
  ])('%s', (_name, type, department, level, amountMinor, match, index) => {
    expect(bonusFor(policy, { type, department, level })).toEqual({
      amount: eur(amountMinor),
      rule: match,
      matchedRuleIndex: index,
    });
  });

  it('breaks ties by list order, whichever order that is', () => {
    const a = rule('cold', null, 'Senior', 1);
    const b = rule(null, 'Engineering', 'Senior', 2);
    const referral = { type: 'cold' as const, department: 'Engineering', level: 'Senior' };
    expect(bonusFor({ ...policy, rules: [a, b] }, referral).amount.amountMinor).toBe(1);
    expect(bonusFor({ ...policy, rules: [b, a] }, referral).amount.amountMinor).toBe(2);
  });

  it('returns a copy: changing the result leaves the policy alone', () => {
    const result = bonusFor(policy, { type: 'conversation', department: null, level: null });
    result.amount.amountMinor = 1;
    expect(policy.defaultAmount.amountMinor).toBe(1000);
  });

  it('normalizes labels with NFC, trimming and lower case', () => {
    expect(normalizeLabel(' Caf\u0065\u0301 ')).toBe('caf\u00e9');
    expect(normalizeLabel('  ')).toBeNull();
    expect(normalizeLabel(null)).toBeNull();
  });
});
