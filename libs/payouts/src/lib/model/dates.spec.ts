import fc from 'fast-check';
import { addDays, isIsoDate, parseIsoDate } from './dates';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-12-31'])(
    'accepts %s',
    (d) => {
      expect(isIsoDate(d)).toBe(true);
    },
  );

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '0000-01-01',
    '2024-1-05',
    ' 2024-01-05',
    '2024-01-05T00:00:00Z',
    '',
    20240105,
    null,
  ])('refuses %p', (d) => {
    expect(parseIsoDate(d)).toBeNull();
  });

  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2024-01-01', 3650, '2033-12-29'],
    ['2024-05-17', 0, '2024-05-17'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses bad input and results outside years 1–9999', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });

  it('agrees with the UTC calendar of Date for any date and offset (property)', () => {
    const day = 86_400_000;
    const utcDays = fc.integer({
      min: Date.UTC(1, 0, 1) / day,
      max: Date.UTC(9999, 11, 31) / day - 3650,
    });
    fc.assert(
      fc.property(utcDays, fc.integer({ min: -3650, max: 3650 }), (start, offset) => {
        const iso = (n: number) => new Date(n * day).toISOString().slice(0, 10);
        fc.pre(start + offset >= Date.UTC(1, 0, 1) / day);
        expect(addDays(iso(start), offset)).toBe(iso(start + offset));
      }),
      { numRuns: 500 },
    );
  });
});
