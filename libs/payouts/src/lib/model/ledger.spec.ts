import {
  balanceOf,
  balances,
  effectKey,
  entriesFor,
  isBalanced,
  ledgerEffect,
  post,
  type LedgerEntry,
} from './ledger';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('ledger', () => {
  it('keys an effect by payout id and effect', () => {
    expect(effectKey('p1', 'approve')).toBe('p1:approve');
    expect(ledgerEffect('p1', 'pay', eur(5), 'b1')).toEqual({
      key: 'p1:pay',
      effect: 'pay',
      payoutId: 'p1',
      amount: eur(5),
      batchId: 'b1',
    });
  });

  it.each([
    ['approve', 'bonus_expense', 'bonus_payable'],
    ['pay', 'bonus_payable', 'cash'],
    ['cancel', 'bonus_payable', 'bonus_expense'],
  ] as const)('%s: debit %s, credit %s', (effect, debit, credit) => {
    expect(entriesFor({ payoutId: 'p1', effect, amount: eur(1234) })).toEqual([
      { key: `p1:${effect}`, account: debit, debitMinor: 1234, creditMinor: 0, currency: 'EUR' },
      { key: `p1:${effect}`, account: credit, debitMinor: 0, creditMinor: 1234, currency: 'EUR' },
    ]);
  });

  it('writes no rows for a zero amount (nothing moves)', () => {
    expect(entriesFor({ payoutId: 'p1', effect: 'approve', amount: eur(0) })).toEqual([]);
  });

  it('refuses an invalid amount', () => {
    expect(() => entriesFor({ payoutId: 'p1', effect: 'pay', amount: eur(-1) })).toThrow(
      RangeError,
    );
    expect(() => entriesFor({ payoutId: 'p1', effect: 'pay', amount: eur(1.5) })).toThrow(
      RangeError,
    );
  });

  it('inserts an effect once: the same key again is a no-op, even with another amount', () => {
    const first = post([], ledgerEffect('p1', 'approve', eur(100)));
    expect(first.inserted).toBe(true);
    expect(first.entries).toHaveLength(2);
    const again = post(first.entries, ledgerEffect('p1', 'approve', eur(999)));
    expect(again.inserted).toBe(false);
    expect(again.entries).toBe(first.entries);
    const other = post(first.entries, ledgerEffect('p2', 'approve', eur(50)));
    expect(other.inserted).toBe(true);
    expect(other.entries).toHaveLength(4);
    expect(first.entries).toHaveLength(2); // append-only: the old array is untouched
  });

  it('derives balances per currency and account', () => {
    let entries: readonly LedgerEntry[] = [];
    for (const e of [
      ledgerEffect('p1', 'approve', eur(1000)),
      ledgerEffect('p1', 'pay', eur(1000), 'b1'),
      ledgerEffect('p2', 'approve', eur(300)),
      ledgerEffect('p3', 'approve', eur(50)),
      ledgerEffect('p3', 'cancel', eur(50)),
      ledgerEffect('p4', 'approve', { amountMinor: 7, currency: 'USD' }),
    ])
      entries = post(entries, e).entries;
    expect(balances(entries)).toEqual([
      {
        account: 'bonus_expense',
        currency: 'EUR',
        debitMinor: 1350,
        creditMinor: 50,
        balanceMinor: 1300,
      },
      {
        account: 'bonus_payable',
        currency: 'EUR',
        debitMinor: 1050,
        creditMinor: 1350,
        balanceMinor: -300,
      },
      { account: 'cash', currency: 'EUR', debitMinor: 0, creditMinor: 1000, balanceMinor: -1000 },
      { account: 'bonus_expense', currency: 'USD', debitMinor: 7, creditMinor: 0, balanceMinor: 7 },
      {
        account: 'bonus_payable',
        currency: 'USD',
        debitMinor: 0,
        creditMinor: 7,
        balanceMinor: -7,
      },
      { account: 'cash', currency: 'USD', debitMinor: 0, creditMinor: 0, balanceMinor: 0 },
    ]);
    expect(balanceOf(entries, 'bonus_payable', 'EUR')).toBe(-300);
    expect(balanceOf(entries, 'cash', 'GBP')).toBe(0);
    expect(isBalanced(entries)).toBe(true);
  });

  it('sums large amounts exactly and refuses totals beyond safe integers', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const one = post([], ledgerEffect('p1', 'approve', eur(big))).entries;
    expect(balanceOf(one, 'bonus_expense', 'EUR')).toBe(big);
    const two = post(one, ledgerEffect('p2', 'approve', eur(big))).entries;
    expect(isBalanced(two)).toBe(true);
    expect(() => balances(two)).toThrow(RangeError);
  });

  it('calls a ledger unbalanced when debits and credits differ in a currency', () => {
    const row = (
      account: LedgerEntry['account'],
      debitMinor: number,
      creditMinor: number,
      currency = 'EUR',
    ): LedgerEntry => ({
      key: 'k',
      account,
      debitMinor,
      creditMinor,
      currency,
    });
    expect(isBalanced([])).toBe(true);
    expect(isBalanced([row('bonus_expense', 10, 0)])).toBe(false);
    expect(isBalanced([row('bonus_expense', 10, 0), row('bonus_payable', 0, 9)])).toBe(false);
    // Balanced in total but across two currencies: not balanced.
    expect(isBalanced([row('bonus_expense', 10, 0), row('bonus_payable', 0, 10, 'USD')])).toBe(
      false,
    );
    // A row that is both or neither a debit and a credit.
    expect(isBalanced([row('cash', 5, 5)])).toBe(false);
    expect(isBalanced([row('cash', 0, 0)])).toBe(false);
  });
});
