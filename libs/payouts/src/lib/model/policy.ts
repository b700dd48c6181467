/**
 * Bonus policies (PRODUCT.md §5): the bonus for a hire by referral type × department × level with
 * a default, its split into tranches, the payment conditions, an optional yearly cap per referrer
 * and the four-eyes approval threshold. Pure: no framework, no database, no clock.
 */

export const REFERRAL_TYPES = ['conversation', 'warm', 'cold'] as const;
export type ReferralType = (typeof REFERRAL_TYPES)[number];

/** An amount in minor units (cents): a safe integer ≥ 0, with its ISO 4217 currency code. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** `null` in a field means "any". At least one field is set (the catch-all is `defaultAmount`). */
export interface PolicyRule {
  referralType: ReferralType | null;
  department: string | null;
  level: string | null;
  amount: Money;
}

/** `percent`: integer 1..100; `daysAfterStart`: integer 0..3650 calendar days after the start date. */
export interface Tranche {
  percent: number;
  daysAfterStart: number;
}

export interface PolicyConditions {
  /** The tranche is paid only if the referrer is still employed on its due date. */
  referrerEmployed: boolean;
  /** The tranche is paid only if the hire is still employed on its due date. */
  hireEmployed: boolean;
}

export interface PolicyDefinition {
  defaultAmount: Money;
  rules: PolicyRule[];
  tranches: Tranche[];
  conditions: PolicyConditions;
  /** Most a referrer earns per year (see `applyCap`); null = no cap. */
  capPerReferrerPerYear: Money | null;
  /** A tranche whose amount is strictly above it needs two different approvers; null = never. */
  approvalThreshold: Money | null;
}

export const POLICY_LIMITS = {
  maxRules: 50,
  maxLabelLength: 100,
  maxDaysAfterStart: 3650,
} as const;

export type PolicyValidation =
  { ok: true; policy: PolicyDefinition } | { ok: false; errors: Record<string, string[]> };

const CURRENCY = /^[A-Z]{3}$/;
const POLICY_KEYS = [
  'defaultAmount',
  'rules',
  'tranches',
  'conditions',
  'capPerReferrerPerYear',
  'approvalThreshold',
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isMinor = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function isMoney(v: unknown): v is Money {
  return (
    isObject(v) &&
    isMinor(v['amountMinor']) &&
    typeof v['currency'] === 'string' &&
    CURRENCY.test(v['currency'])
  );
}

/** How department and level compare: NFC, trimmed, lower-cased; blank counts as unknown (null). */
export function normalizeLabel(label: string | null | undefined): string | null {
  if (typeof label !== 'string') return null;
  const out = label.normalize('NFC').trim().toLowerCase();
  return out === '' ? null : out;
}

class Errors {
  readonly byPath: Record<string, string[]> = {};
  add(path: string, message: string): void {
    (this.byPath[path] ??= []).push(message);
  }
  get empty(): boolean {
    return Object.keys(this.byPath).length === 0;
  }
}

function unknownKeys(errors: Errors, path: string, v: Record<string, unknown>, known: string[]) {
  for (const key of Object.keys(v))
    if (!known.includes(key)) errors.add(path ? `${path}.${key}` : key, 'unknown field');
}

function readMoney(errors: Errors, path: string, v: unknown, min = 0): Money | undefined {
  if (!isObject(v)) {
    errors.add(path, 'must be { amountMinor, currency }');
    return undefined;
  }
  unknownKeys(errors, path, v, ['amountMinor', 'currency']);
  let ok = true;
  if (!isMinor(v['amountMinor'])) {
    errors.add(`${path}.amountMinor`, 'must be a safe integer ≥ 0 (minor units)');
    ok = false;
  } else if (v['amountMinor'] < min) {
    errors.add(`${path}.amountMinor`, `must be ≥ ${min}`);
    ok = false;
  }
  if (typeof v['currency'] !== 'string' || !CURRENCY.test(v['currency'])) {
    errors.add(`${path}.currency`, 'must be an ISO 4217 code (3 upper-case letters)');
    ok = false;
  }
  return ok
    ? { amountMinor: v['amountMinor'] as number, currency: v['currency'] as string }
    : undefined;
}

function readLabel(errors: Errors, path: string, v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') {
    errors.add(path, 'must be a string or null (any)');
    return undefined;
  }
  const trimmed = v.normalize('NFC').trim();
  if (trimmed === '') errors.add(path, 'must not be blank (use null for any)');
  else if (trimmed.length > POLICY_LIMITS.maxLabelLength)
    errors.add(path, `must be at most ${POLICY_LIMITS.maxLabelLength} characters`);
  else return trimmed;
  return undefined;
}

function readRules(errors: Errors, v: unknown): PolicyRule[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.add('rules', 'must be an array');
    return undefined;
  }
  if (v.length > POLICY_LIMITS.maxRules) {
    errors.add('rules', `at most ${POLICY_LIMITS.maxRules} rules`);
    return undefined;
  }
  const rules: PolicyRule[] = [];
  const seen = new Map<string, number>();
  v.forEach((raw: unknown, i) => {
    const path = `rules[${i}]`;
    if (!isObject(raw)) {
      errors.add(path, 'must be { referralType, department, level, amount }');
      return;
    }
    unknownKeys(errors, path, raw, ['referralType', 'department', 'level', 'amount']);
    const type = raw['referralType'] ?? null;
    const typeOk = type === null || REFERRAL_TYPES.includes(type as ReferralType);
    if (!typeOk)
      errors.add(`${path}.referralType`, `must be one of ${REFERRAL_TYPES.join(', ')} or null`);
    const department = readLabel(errors, `${path}.department`, raw['department']);
    const level = readLabel(errors, `${path}.level`, raw['level']);
    const amount = readMoney(errors, `${path}.amount`, raw['amount']);
    if (!typeOk || department === undefined || level === undefined || !amount) return;
    if (type === null && department === null && level === null) {
      errors.add(path, 'sets none of referralType, department, level (that is defaultAmount)');
      return;
    }
    const key = JSON.stringify([type, normalizeLabel(department), normalizeLabel(level)]);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.add(path, `duplicates rules[${first}] and could never apply`);
      return;
    }
    seen.set(key, i);
    rules.push({ referralType: type as ReferralType | null, department, level, amount });
  });
  return rules;
}

function readTranches(errors: Errors, v: unknown): Tranche[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    errors.add('tranches', 'must be a non-empty array of { percent, daysAfterStart }');
    return undefined;
  }
  const tranches: Tranche[] = [];
  v.forEach((raw: unknown, i) => {
    const path = `tranches[${i}]`;
    if (!isObject(raw)) {
      errors.add(path, 'must be { percent, daysAfterStart }');
      return;
    }
    unknownKeys(errors, path, raw, ['percent', 'daysAfterStart']);
    const { percent, daysAfterStart } = raw;
    const percentOk =
      Number.isInteger(percent) && (percent as number) >= 1 && (percent as number) <= 100;
    const max = POLICY_LIMITS.maxDaysAfterStart;
    const daysOk =
      Number.isInteger(daysAfterStart) &&
      (daysAfterStart as number) >= 0 &&
      (daysAfterStart as number) <= max;
    if (!percentOk) errors.add(`${path}.percent`, 'must be an integer from 1 to 100');
    if (!daysOk) errors.add(`${path}.daysAfterStart`, `must be an integer from 0 to ${max}`);
    if (percentOk && daysOk)
      tranches.push({ percent: percent as number, daysAfterStart: daysAfterStart as number });
  });
  if (tranches.length !== v.length) return undefined;
  const sum = tranches.reduce((s, t) => s + t.percent, 0);
  if (sum !== 100)
    errors.add('tranches', `percentages must sum to exactly 100 (they sum to ${sum})`);
  for (let i = 1; i < tranches.length; i++)
    if (tranches[i].daysAfterStart <= tranches[i - 1].daysAfterStart)
      errors.add(
        `tranches[${i}].daysAfterStart`,
        'must be later than the previous tranche (strictly ascending)',
      );
  return tranches;
}

function readConditions(errors: Errors, v: unknown): PolicyConditions | undefined {
  if (!isObject(v)) {
    errors.add('conditions', 'must be { referrerEmployed, hireEmployed }');
    return undefined;
  }
  unknownKeys(errors, 'conditions', v, ['referrerEmployed', 'hireEmployed']);
  const { referrerEmployed, hireEmployed } = v;
  if (typeof referrerEmployed !== 'boolean')
    errors.add('conditions.referrerEmployed', 'must be a boolean');
  if (typeof hireEmployed !== 'boolean') errors.add('conditions.hireEmployed', 'must be a boolean');
  if (typeof referrerEmployed !== 'boolean' || typeof hireEmployed !== 'boolean') return undefined;
  return { referrerEmployed, hireEmployed };
}

/**
 * Checks a policy definition (as posted, or as stored JSON) and returns it normalized (labels
 * trimmed, optional fields filled in), or the errors by field path (`tranches[1].percent`, …).
 *
 * - `defaultAmount`, `tranches`, `conditions` are required; `rules` defaults to `[]`,
 *   `capPerReferrerPerYear` and `approvalThreshold` to `null`. Unknown fields are errors (a typo
 *   in a money setting must not be silently ignored).
 * - Amounts: safe integers ≥ 0 in minor units; a cap must be ≥ 1 (use null for "no cap").
 * - One currency across every amount (default, rules, cap, threshold): error key `currency`.
 * - At most 50 rules; each sets at least one of referralType/department/level; labels are
 *   non-blank, ≤ 100 characters; no two rules with the same (type, department, level) after
 *   normalization (the second could never apply).
 * - Tranches: ≥ 1; integer percent 1..100 summing to exactly 100; integer daysAfterStart
 *   0..3650, strictly ascending.
 */
export function validatePolicy(p: unknown): PolicyValidation {
  const errors = new Errors();
  if (!isObject(p)) {
    errors.add('policy', 'must be an object');
    return { ok: false, errors: errors.byPath };
  }
  unknownKeys(errors, '', p, POLICY_KEYS);
  const defaultAmount = readMoney(errors, 'defaultAmount', p['defaultAmount']);
  const rules = readRules(errors, p['rules']);
  const tranches = readTranches(errors, p['tranches']);
  const conditions = readConditions(errors, p['conditions']);
  const cap =
    p['capPerReferrerPerYear'] == null
      ? null
      : readMoney(errors, 'capPerReferrerPerYear', p['capPerReferrerPerYear'], 1);
  const threshold =
    p['approvalThreshold'] == null
      ? null
      : readMoney(errors, 'approvalThreshold', p['approvalThreshold']);

  const currencies = new Set(
    [defaultAmount, ...(rules ?? []).map((r) => r.amount), cap, threshold]
      .filter((m): m is Money => !!m)
      .map((m) => m.currency),
  );
  if (currencies.size > 1)
    errors.add(
      'currency',
      `all amounts must use one currency (found ${[...currencies].sort().join(', ')})`,
    );

  if (
    !errors.empty ||
    !defaultAmount ||
    !rules ||
    !tranches ||
    !conditions ||
    cap === undefined ||
    threshold === undefined
  )
    return { ok: false, errors: errors.byPath };
  return {
    ok: true,
    policy: {
      defaultAmount,
      rules,
      tranches,
      conditions,
      capPerReferrerPerYear: cap,
      approvalThreshold: threshold,
    },
  };
}

/** How specific the rule that decided a bonus is: fields it sets (3, 2, 1), or the default. */
export type RuleMatch = 'exact' | 'two-fields' | 'one-field' | 'default';

export interface BonusDecision {
  amount: Money;
  rule: RuleMatch;
  /** Index in `policy.rules`, null when the default applied. */
  matchedRuleIndex: number | null;
}

export interface ReferralFacts {
  type: ReferralType;
  department: string | null;
  level: string | null;
}

const MATCH_BY_FIELDS: Record<number, RuleMatch> = { 1: 'one-field', 2: 'two-fields', 3: 'exact' };

/**
 * The bonus for a referral. A rule matches when every field it sets equals the referral's:
 * the type exactly, department and level case-insensitively after trimming (and NFC), a referral
 * without a department or level matching only rules that leave that field null (any). The most
 * specific matching rule wins: type+department+level, then any two fields, then any one field,
 * then `defaultAmount`. Among equally specific matches the first in the list wins (a rule on
 * type+department is not preferred over one on department+level: order them as you mean).
 */
export function bonusFor(policy: PolicyDefinition, referral: ReferralFacts): BonusDecision {
  const department = normalizeLabel(referral.department);
  const level = normalizeLabel(referral.level);
  let best: { index: number; fields: number } | null = null;
  for (const [index, rule] of policy.rules.entries()) {
    const ruleDepartment = normalizeLabel(rule.department);
    const ruleLevel = normalizeLabel(rule.level);
    if (rule.referralType !== null && rule.referralType !== referral.type) continue;
    if (ruleDepartment !== null && ruleDepartment !== department) continue;
    if (ruleLevel !== null && ruleLevel !== level) continue;
    const fields = [rule.referralType, ruleDepartment, ruleLevel].filter((f) => f !== null).length;
    // Strictly more specific only: an equally specific later rule loses to the earlier one.
    if (fields > 0 && (best === null || fields > best.fields)) best = { index, fields };
  }
  if (best === null)
    return { amount: { ...policy.defaultAmount }, rule: 'default', matchedRuleIndex: null };
  const { index, fields } = best;
  return {
    amount: { ...policy.rules[index].amount },
    rule: MATCH_BY_FIELDS[fields],
    matchedRuleIndex: index,
  };
}
