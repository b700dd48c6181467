import { applyCap, splitTranches } from './tranches';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const split = (amountMinor: number, percents: number[]) =>
  splitTranches(
    eur(amountMinor),
    percents.map((percent, i) => ({ percent, daysAfterStart: i * 30 })),
    '2026-01-01',
  ).map((t) => t.amount.amountMinor);

describe('splitTranches: rounding (floor per tranche, remainder to the last)', () => {
  const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991

  it.each<[string, number, number[], number[]]>([
    ['100000 at 33/33/34', 100000, [33, 33, 34], [33000, 33000, 34000]],
    ['100001 at 33/33/34: the extra cent goes last', 100001, [33, 33, 34], [33000, 33000, 34001]],
    [
      '100000 at 34/33/33: the last gets its floor plus the remainder',
      100000,
      [34, 33, 33],
      [34000, 33000, 33000],
    ],
    ['100 at 34/33/33', 100, [34, 33, 33], [34, 33, 33]],
    ['10 at 33/33/34', 10, [33, 33, 34], [3, 3, 4]],
    ['10 at 34/33/33: 3.4 + 3.3 floor to 3 + 3, the last gets 4', 10, [34, 33, 33], [3, 3, 4]],
    ['1 cent at 50/50', 1, [50, 50], [0, 1]],
    ['3 cents at 33/33/34', 3, [33, 33, 34], [0, 0, 3]],
    ['99999 at 50/50', 99999, [50, 50], [49999, 50000]],
    ['0 at 50/50', 0, [50, 50], [0, 0]],
    ['one 100 % tranche', 12345, [100], [12345]],
    ['1 cent in 100 tranches of 1 %', 1, Array(100).fill(1), [...Array(99).fill(0), 1]],
    [
      '2^53 − 1 at 33/33/34',
      MAX,
      [33, 33, 34],
      [2972375754064527, 2972375754064527, 3062447746611937],
    ],
    // Floats get these wrong: MAX × 23 / 100 is not exact in a double (…428 instead of …427).
    ['2^53 − 1 at 23/77, exactly', MAX, [23, 77], [2071655828590427, 6935543426150564]],
    ['2^53 − 1 at 45/55, exactly', MAX, [45, 55], [4053239664633445, 4953959590107546]],
    [
      '2^53 − 1 at 34/33/33, exactly',
      MAX,
      [34, 33, 33],
      [3062447746611936, 2972375754064527, 2972375754064528],
    ],
  ])('%s', (_name, amount, percents, expected) => {
    const out = split(amount, percents);
    expect(out).toEqual(expected);
    expect(out.reduce((s, a) => s + a, 0)).toBe(amount);
  });

  it('keeps the currency and numbers the tranches in list order', () => {
    const out = splitTranches(
      { amountMinor: 1000, currency: 'JPY' },
      [
        { percent: 30, daysAfterStart: 0 },
        { percent: 70, daysAfterStart: 90 },
      ],
      '2026-01-01',
    );
    expect(out).toEqual([
      {
        index: 0,
        percent: 30,
        amount: { amountMinor: 300, currency: 'JPY' },
        dueDate: '2026-01-01',
      },
      {
        index: 1,
        percent: 70,
        amount: { amountMinor: 700, currency: 'JPY' },
        dueDate: '2026-04-01',
      },
    ]);
  });
});

describe('splitTranches: due dates', () => {
  const due = (start: string, days: number[]) =>
    splitTranches(
      eur(100),
      days.map((daysAfterStart, i) => ({
        percent: i === days.length - 1 ? 100 - (days.length - 1) : 1,
        daysAfterStart,
      })),
      start,
    ).map((t) => t.dueDate);

  it.each<[string, string, number[], string[]]>([
    ['start date and 90 days', '2026-03-02', [0, 90], ['2026-03-02', '2026-05-31']],
    ['across the end of a leap February', '2024-01-31', [29, 30], ['2024-02-29', '2024-03-01']],
    ['across the end of a common February', '2023-01-31', [28, 29], ['2023-02-28', '2023-03-01']],
    ['from a leap day, one year on', '2024-02-29', [365, 366], ['2025-02-28', '2025-03-01']],
    ['2100 is no leap year', '2100-02-01', [27, 28], ['2100-02-28', '2100-03-01']],
    ['2000 is a leap year', '2000-02-01', [27, 28], ['2000-02-28', '2000-02-29']],
    ['across a year end', '2025-12-15', [16, 17], ['2025-12-31', '2026-01-01']],
    ['ten years at most', '2026-01-01', [3650], ['2035-12-30']],
  ])('%s', (_name, start, days, expected) => {
    expect(due(start, days)).toEqual(expected);
  });
});

describe('splitTranches: bad input throws (a validated policy never gives it)', () => {
  const t = (percent: number, daysAfterStart = 0) => ({ percent, daysAfterStart });
  it.each<[string, () => unknown]>([
    ['an impossible start date', () => splitTranches(eur(1), [t(100)], '2025-02-29')],
    ['a start date with a time', () => splitTranches(eur(1), [t(100)], '2025-02-01T10:00')],
    ['percentages summing to 99', () => splitTranches(eur(1), [t(49), t(50, 1)], '2026-01-01')],
    ['a 0 % tranche', () => splitTranches(eur(1), [t(0), t(100, 1)], '2026-01-01')],
    ['no tranche', () => splitTranches(eur(1), [], '2026-01-01')],
    ['3651 days', () => splitTranches(eur(1), [t(100, 3651)], '2026-01-01')],
    ['a negative amount', () => splitTranches(eur(-1), [t(100)], '2026-01-01')],
    ['an unsafe amount', () => splitTranches(eur(2 ** 53), [t(100)], '2026-01-01')],
    [
      'a bad currency',
      () => splitTranches({ amountMinor: 1, currency: 'eu' }, [t(100)], '2026-01-01'),
    ],
  ])('%s', (_name, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('applyCap', () => {
  it.each<[string, number, number, number | null, number]>([
    ['no cap: the whole bonus', 300000, 999999, null, 300000],
    ['under the cap', 3000, 0, 5000, 3000],
    ['exactly reaching the cap', 2000, 3000, 5000, 2000],
    ['what is left of the cap', 3000, 3000, 5000, 2000],
    ['the cap already reached: nothing', 3000, 5000, 5000, 0],
    ['the cap already exceeded: nothing, never negative', 3000, 7000, 5000, 0],
    ['a zero bonus stays zero', 0, 0, 5000, 0],
    [
      'large safe integers',
      Number.MAX_SAFE_INTEGER,
      1,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER - 1,
    ],
  ])('%s', (_name, amount, already, cap, expected) => {
    expect(applyCap(eur(amount), eur(already), cap === null ? null : eur(cap))).toEqual(
      eur(expected),
    );
  });

  it('requires one currency', () => {
    const usd = { amountMinor: 1, currency: 'USD' };
    expect(() => applyCap(eur(100), eur(0), usd)).toThrow(/currency mismatch/);
    expect(() => applyCap(usd, eur(0), eur(500))).toThrow(/currency mismatch/);
    expect(() => applyCap(eur(100), usd, eur(500))).toThrow(/currency mismatch/);
  });

  it('refuses invalid amounts', () => {
    expect(() => applyCap(eur(-1), eur(0), eur(5))).toThrow(RangeError);
    expect(() => applyCap(eur(1), eur(0.5), eur(5))).toThrow(RangeError);
  });
});
