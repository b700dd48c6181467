import { CreditInputError } from './credit.types';

// Calendar-month arithmetic on the UTC calendar, keeping the time of day.
// - The day of month is clamped to the target month's length: 31 Jan + 1 month = 28 Feb (29 in
//   leap years), 31 Mar + 1 month = 30 Apr, 29 Feb 2028 + 12 months = 28 Feb 2029. Overflowing
//   into the next month instead (Date#setUTCMonth gives 3 March) would make a one-month window
//   longer than a month.
// - Clamping is not reversible: 31 Jan + 1 month - 1 month = 28 Jan. The rules therefore only
//   ever add months forward from the earlier event, never subtract from the later one.
// - UTC, not the organization's zone: windows are a year or months long and a boundary that moves
//   by the zone's offset (hours) does not change anyone's credit in practice, while local-time
//   arithmetic would have to decide what DST gaps mean. Explanations still show dates in the
//   organization's zone.
export function addCalendarMonths(date: Date, months: number): Date {
  if (Number.isNaN(date.getTime())) throw new CreditInputError('date must be a valid Date');
  if (!Number.isInteger(months)) throw new CreditInputError('months must be an integer');
  const year = date.getUTCFullYear();
  const monthIndex = date.getUTCMonth() + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  // Set year, month and day together so an intermediate invalid date (31 Feb) cannot roll over.
  result.setUTCFullYear(targetYear, targetMonth, Math.min(date.getUTCDate(), lastDay));
  return result;
}

// An event at `start` has effect for `months` calendar months: [start, start + months).
// At exactly start + months it no longer applies.
export function withinMonths(start: Date, months: number, at: Date): boolean {
  return (
    at.getTime() >= start.getTime() && at.getTime() < addCalendarMonths(start, months).getTime()
  );
}
