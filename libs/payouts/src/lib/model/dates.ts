/**
 * Calendar dates as `YYYY-MM-DD` strings, with pure integer arithmetic: no `Date`, no time zone,
 * no clock. A date is a day of the proleptic Gregorian calendar, years 0001–9999.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `{ year, month, day }` of a real calendar date (`2025-02-29` is not one), else null. */
export function parseIsoDate(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value) !== null;
}

// Days since 1970-01-01 and back (H. Hinnant, "chrono-compatible low-level date algorithms").
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `date` plus `days` calendar days (negative goes back): `2024-02-28` + 1 = `2024-02-29`,
 * `2023-02-28` + 1 = `2023-03-01`. Throws RangeError on a bad date, a non-integer day count or a
 * result outside years 0001–9999.
 */
export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  if (!Number.isSafeInteger(days)) throw new RangeError(`not an integer day count: ${days}`);
  const out = civilFromDays(daysFromCivil(d.year, d.month, d.day) + days);
  if (out.year < 1 || out.year > 9999) throw new RangeError(`date out of range: ${date} + ${days}`);
  return `${pad(out.year, 4)}-${pad(out.month, 2)}-${pad(out.day, 2)}`;
}
