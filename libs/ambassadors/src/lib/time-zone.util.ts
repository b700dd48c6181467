// Region/City names (and UTC, Etc/GMT+5): Intl alone also accepts offsets like "+01:00" on newer
// engines, which are not zones and would not survive a DST change.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * The zone as the caller spelled it, with the case fixed ("utc" → "UTC"), or null when it is not
 * an IANA zone. Links are kept ("America/Argentina/Buenos_Aires" stays), since ICU's canonical
 * name for them is an older spelling people would not recognise.
 */
export function canonicalTimeZone(value: string): string | null {
  if (value.length > 64 || !IANA_NAME.test(value)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return null;
  }
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at the given instant (east positive: Berlin in winter = 60). */
export function utcOffsetMinutes(timeZone: string, at: Date = new Date()): number {
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT" for UTC itself, otherwise "GMT+05:30" / "GMT-03:00".
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected offset format for ${timeZone}`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The calendar date (YYYY-MM-DD) at the instant in the zone. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
