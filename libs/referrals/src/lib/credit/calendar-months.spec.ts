import { addCalendarMonths, withinMonths } from './calendar-months';

describe('addCalendarMonths', () => {
  it.each([
    ['keeps the day and time of day', '2026-03-03T10:15:30.250Z', 12, '2027-03-03T10:15:30.250Z'],
    ['clamps 31 Jan + 1 month to 28 Feb', '2026-01-31T08:00:00Z', 1, '2026-02-28T08:00:00Z'],
    [
      'clamps 31 Jan + 1 month to 29 Feb in a leap year',
      '2028-01-31T08:00:00Z',
      1,
      '2028-02-29T08:00:00Z',
    ],
    ['clamps 29 Feb + 12 months to 28 Feb', '2028-02-29T08:00:00Z', 12, '2029-02-28T08:00:00Z'],
    ['clamps 31 Mar + 1 month to 30 Apr', '2026-03-31T23:59:59Z', 1, '2026-04-30T23:59:59Z'],
    ['rolls over the year', '2026-11-15T00:00:00Z', 3, '2027-02-15T00:00:00Z'],
    ['goes backwards for negative months', '2026-03-31T00:00:00Z', -1, '2026-02-28T00:00:00Z'],
    ['adds nothing for 0 months', '2026-03-31T00:00:00Z', 0, '2026-03-31T00:00:00Z'],
  ])('%s', (_name, from, months, expected) => {
    expect(addCalendarMonths(new Date(from), months)).toEqual(new Date(expected));
  });

  it('does not modify its argument', () => {
    const date = new Date('2026-01-31T08:00:00Z');
    addCalendarMonths(date, 1);
    expect(date.toISOString()).toBe('2026-01-31T08:00:00.000Z');
  });

  it.each([
    ['a fractional number of months', new Date('2026-01-01T00:00:00Z'), 1.5],
    ['an invalid date', new Date('nope'), 1],
  ])('refuses %s', (_name, date, months) => {
    expect(() => addCalendarMonths(date, months)).toThrow();
  });
});

describe('withinMonths', () => {
  const start = new Date('2026-03-03T10:00:00Z');
  it.each([
    ['the start itself', '2026-03-03T10:00:00Z', true],
    ['the last millisecond', '2027-03-03T09:59:59.999Z', true],
    ['the end (exclusive)', '2027-03-03T10:00:00Z', false],
    ['before the start', '2026-03-03T09:59:59.999Z', false],
  ])('%s → %s', (_name, at, expected) => {
    expect(withinMonths(start, 12, new Date(at))).toBe(expected);
  });
});
