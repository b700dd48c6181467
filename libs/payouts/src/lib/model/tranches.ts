import { addDays, isIsoDate } from './dates';
import { isMoney, type Money, type Tranche } from './policy';

export interface TranchePlan {
  /** Position in the policy's tranche list, from 0. */
  index: number;
  percent: number;
  amount: Money;
  /** Start date + `daysAfterStart` calendar days, `YYYY-MM-DD`. */
  dueDate: string;
}

function assertMoney(m: Money, what: string): void {
  if (!isMoney(m))
    throw new RangeError(`${what} must be a safe integer ≥ 0 in minor units with an ISO currency`);
}

/**
 * Splits a bonus into its tranches.
 *
 * Rounding rule: every tranche but the last gets floor(amountMinor × percent / 100), computed
 * exactly in BigInt (no floats; amountMinor × 100 can exceed 2^53); the LAST tranche gets the
 * rest, amountMinor − Σ(others). So the tranches always sum to exactly the bonus, each is ≥ 0
 * (the floors of the others sum to at most amountMinor × (100 − lastPercent) / 100), and the last
 * one is at most (tranches − 1) minor units above its exact share. 1 cent at 50/50 → [0, 1].
 *
 * Due date: `startDate` + `daysAfterStart` calendar days (pure date arithmetic, no time zone).
 * Throws RangeError on an invalid amount, date, or tranche list (percent not 1..100, not summing
 * to 100, days not integers 0..3650): validated policies never do.
 */
export function splitTranches(
  amount: Money,
  tranches: readonly Tranche[],
  startDate: string,
): TranchePlan[] {
  assertMoney(amount, 'amount');
  if (!isIsoDate(startDate))
    throw new RangeError(`startDate must be YYYY-MM-DD: ${String(startDate)}`);
  if (tranches.length === 0) throw new RangeError('at least one tranche');
  for (const t of tranches) {
    if (!Number.isInteger(t.percent) || t.percent < 1 || t.percent > 100)
      throw new RangeError(`tranche percent must be an integer 1..100: ${t.percent}`);
    if (!Number.isInteger(t.daysAfterStart) || t.daysAfterStart < 0 || t.daysAfterStart > 3650)
      throw new RangeError(
        `tranche daysAfterStart must be an integer 0..3650: ${t.daysAfterStart}`,
      );
  }
  const sum = tranches.reduce((s, t) => s + t.percent, 0);
  if (sum !== 100) throw new RangeError(`tranche percentages must sum to 100, not ${sum}`);

  const total = BigInt(amount.amountMinor);
  let allocated = 0n;
  return tranches.map((t, index) => {
    const last = index === tranches.length - 1;
    const share = last ? total - allocated : (total * BigInt(t.percent)) / 100n; // BigInt `/` floors for ≥ 0
    allocated += share;
    return {
      index,
      percent: t.percent,
      amount: { amountMinor: Number(share), currency: amount.currency },
      dueDate: addDays(startDate, t.daysAfterStart),
    };
  });
}

/**
 * The part of `amount` a yearly cap still allows: min(amount, max(0, cap − alreadyThisYear)),
 * never negative; no cap (null) allows all of it. `alreadyThisYear` is what the referrer's
 * earlier bonuses of the same cap year already count (the caller decides which bonuses count and
 * which year a bonus belongs to). Throws RangeError when the currencies differ.
 */
export function applyCap(amount: Money, alreadyThisYear: Money, cap: Money | null): Money {
  assertMoney(amount, 'amount');
  assertMoney(alreadyThisYear, 'alreadyThisYear');
  if (cap === null) return { ...amount };
  assertMoney(cap, 'cap');
  if (amount.currency !== cap.currency || alreadyThisYear.currency !== cap.currency)
    throw new RangeError(
      `cap currency mismatch: amount ${amount.currency}, already ${alreadyThisYear.currency}, cap ${cap.currency}`,
    );
  const room = Math.max(0, cap.amountMinor - alreadyThisYear.amountMinor);
  return { amountMinor: Math.min(amount.amountMinor, room), currency: amount.currency };
}
