import type { MessageFormatter } from './template.types';

export const DEFAULT_LOCALE = 'en-GB';
export const DEFAULT_TIME_ZONE = 'UTC';

/** True when Intl knows the zone (IANA names such as Europe/Berlin). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function isValidLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const cache = new Map<string, MessageFormatter>();

/**
 * Dates in the recipient's own time zone and locale; an unknown zone or locale falls back to UTC
 * and en-GB rather than failing the command that sends the message.
 */
export function messageFormatter(locale: string, timeZone: string): MessageFormatter {
  const loc = isValidLocale(locale) ? locale : DEFAULT_LOCALE;
  const tz = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const key = `${loc}|${tz}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const dateTime = new Intl.DateTimeFormat(loc, {
    timeZone: tz,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const date = new Intl.DateTimeFormat(loc, {
    timeZone: tz,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  // A calendar date has no instant: format it at noon UTC, in UTC, so no zone can shift the day.
  const calendar = new Intl.DateTimeFormat(loc, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const formatter: MessageFormatter = {
    locale: loc,
    timeZone: tz,
    dateTime: (v) => dateTime.format(new Date(v)),
    date: (v) => date.format(new Date(v)),
    calendarDate: (v) => calendar.format(new Date(`${v.slice(0, 10)}T12:00:00Z`)),
    money: ({ amountMinor, currency }) => {
      const nf = new Intl.NumberFormat(loc, { style: 'currency', currency });
      const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
      return nf.format(amountMinor / 10 ** digits);
    },
  };
  if (cache.size < 500) cache.set(key, formatter);
  return formatter;
}
