import { canonicalTimeZone, localDate, utcOffsetMinutes } from './time-zone.util';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('accepts %s as %s', (value, canonical) => {
    expect(canonicalTimeZone(value)).toBe(canonical);
  });

  it.each([
    'Mars/Olympus_Mons',
    '+01:00',
    'GMT+1 ',
    '',
    'Europe/Berlin; DROP TABLE',
    'x'.repeat(70),
  ])('rejects %j', (value) => {
    expect(canonicalTimeZone(value)).toBeNull();
  });
});

describe('utcOffsetMinutes', () => {
  const winter = new Date('2026-01-15T12:00:00Z');
  const summer = new Date('2026-07-15T12:00:00Z');

  it('follows daylight saving time', () => {
    expect(utcOffsetMinutes('Europe/Berlin', winter)).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', summer)).toBe(120);
    expect(utcOffsetMinutes('America/New_York', winter)).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', summer)).toBe(-240);
  });

  it('handles UTC, half hours and the far east', () => {
    expect(utcOffsetMinutes('UTC', winter)).toBe(0);
    expect(utcOffsetMinutes('Asia/Kolkata', winter)).toBe(330);
    expect(utcOffsetMinutes('Pacific/Kiritimati', winter)).toBe(840);
  });
});

describe('localDate', () => {
  it('is the date where the zone is, not in UTC', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(localDate('UTC', at)).toBe('2026-11-22');
    expect(localDate('Europe/Berlin', at)).toBe('2026-11-23');
    expect(localDate('America/Los_Angeles', at)).toBe('2026-11-22');
  });
});
