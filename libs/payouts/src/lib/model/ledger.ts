import { isMoney, type Money } from './policy';

/**
 * The money of payouts as an append-only double-entry ledger (PRODUCT.md §5).
 *
 * | effect    | when                                   | debit         | credit        |
 * |-----------|----------------------------------------|---------------|---------------|
 * | `approve` | a tranche becomes approved             | bonus_expense | bonus_payable |
 * | `pay`     | its payroll batch is marked paid       | bonus_payable | cash          |
 * | `cancel`  | an approved, not exported one is cancelled | bonus_payable | bonus_expense |
 *
 * Each effect has the unique key `${payoutId}:${effect}`: written at most once whatever the
 * retries (the database holds it as a unique (effect_key, account) constraint; `post` is the model
 * of that `INSERT … ON CONFLICT DO NOTHING`). Rows are never updated or deleted; balances are
 * derived from them.
 */

export const LEDGER_ACCOUNTS = ['bonus_expense', 'bonus_payable', 'cash'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const LEDGER_EFFECT_KINDS = ['approve', 'pay', 'cancel'] as const;
export type LedgerEffectKind = (typeof LEDGER_EFFECT_KINDS)[number];

export interface LedgerEffect {
  /** `${payoutId}:${effect}`. */
  key: string;
  effect: LedgerEffectKind;
  payoutId: string;
  amount: Money;
  /** The payroll batch of a `pay` effect, else null. */
  batchId: string | null;
}

export interface LedgerEntry {
  key: string;
  account: LedgerAccount;
  debitMinor: number;
  creditMinor: number;
  currency: string;
}

export function effectKey(payoutId: string, effect: LedgerEffectKind): string {
  return `${payoutId}:${effect}`;
}

export function ledgerEffect(
  payoutId: string,
  effect: LedgerEffectKind,
  amount: Money,
  batchId: string | null = null,
): LedgerEffect {
  return { key: effectKey(payoutId, effect), effect, payoutId, amount: { ...amount }, batchId };
}

const LEGS: Record<LedgerEffectKind, { debit: LedgerAccount; credit: LedgerAccount }> = {
  approve: { debit: 'bonus_expense', credit: 'bonus_payable' },
  pay: { debit: 'bonus_payable', credit: 'cash' },
  cancel: { debit: 'bonus_payable', credit: 'bonus_expense' },
};

/**
 * The two rows of an effect: its debit and its credit of the same amount. A zero amount (a
 * 0-cent tranche: 1 cent split 50/50) moves nothing and gives no rows (a row is either a debit or
 * a credit, never neither, as the database checks).
 */
export function entriesFor(
  effect: Pick<LedgerEffect, 'payoutId' | 'effect' | 'amount'>,
): LedgerEntry[] {
  if (!isMoney(effect.amount))
    throw new RangeError(
      'ledger amount must be a safe integer ≥ 0 in minor units with an ISO currency',
    );
  const { amountMinor, currency } = effect.amount;
  if (amountMinor === 0) return [];
  const key = effectKey(effect.payoutId, effect.effect);
  const { debit, credit } = LEGS[effect.effect];
  return [
    { key, account: debit, debitMinor: amountMinor, creditMinor: 0, currency },
    { key, account: credit, debitMinor: 0, creditMinor: amountMinor, currency },
  ];
}

/**
 * Appends an effect's rows unless its key is already in the ledger (then nothing changes:
 * `inserted` is false and `entries` is the same array). Never updates or removes a row.
 */
export function post(
  entries: readonly LedgerEntry[],
  effect: Pick<LedgerEffect, 'payoutId' | 'effect' | 'amount'>,
): { entries: readonly LedgerEntry[]; inserted: boolean } {
  const key = effectKey(effect.payoutId, effect.effect);
  if (entries.some((e) => e.key === key)) return { entries, inserted: false };
  const rows = entriesFor(effect);
  if (rows.length === 0) return { entries, inserted: false };
  return { entries: [...entries, ...rows], inserted: true };
}

export interface AccountBalance {
  account: LedgerAccount;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  /** debitMinor − creditMinor: > 0 for expense, < 0 for what is owed (payable) and paid out (cash). */
  balanceMinor: number;
}

function safe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError(`ledger total beyond safe integers: ${n}`);
  return Number(n);
}

/** Balances per currency and account (all three accounts of every currency present), in order. */
export function balances(entries: readonly LedgerEntry[]): AccountBalance[] {
  const totals = new Map<string, { debit: bigint; credit: bigint }>();
  const currencies = new Set<string>();
  for (const e of entries) {
    currencies.add(e.currency);
    const key = `${e.currency}:${e.account}`;
    const t = totals.get(key) ?? { debit: 0n, credit: 0n };
    t.debit += BigInt(e.debitMinor);
    t.credit += BigInt(e.creditMinor);
    totals.set(key, t);
  }
  return [...currencies].sort().flatMap((currency) =>
    LEDGER_ACCOUNTS.map((account) => {
      const t = totals.get(`${currency}:${account}`) ?? { debit: 0n, credit: 0n };
      return {
        account,
        currency,
        debitMinor: safe(t.debit),
        creditMinor: safe(t.credit),
        balanceMinor: safe(t.debit - t.credit),
      };
    }),
  );
}

/** The balance of one account in one currency (0 when it has no rows). */
export function balanceOf(
  entries: readonly LedgerEntry[],
  account: LedgerAccount,
  currency: string,
): number {
  return (
    balances(entries).find((b) => b.account === account && b.currency === currency)?.balanceMinor ??
    0
  );
}

/** Double entry holds: per currency, total debits = total credits (and every row is one or the other). */
export function isBalanced(entries: readonly LedgerEntry[]): boolean {
  const net = new Map<string, bigint>();
  for (const e of entries) {
    if ((e.debitMinor === 0) === (e.creditMinor === 0)) return false;
    net.set(e.currency, (net.get(e.currency) ?? 0n) + BigInt(e.debitMinor) - BigInt(e.creditMinor));
  }
  return [...net.values()].every((n) => n === 0n);
}
