// An independent parser (Mozilla's ical.js) reads what ical-generator wrote: the test checks the
// invite as a calendar client would see it, not the generator's own idea of it.
import ICAL from 'ical.js';
import { buildChatInvite, type ChatInviteInput } from './chat-invite';

const input = (over: Partial<ChatInviteInput> = {}): ChatInviteInput => ({
  uid: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f@peerline',
  sequence: 0,
  method: 'REQUEST',
  startsAt: new Date('2026-03-12T16:00:00Z'),
  durationMinutes: 30,
  timeZone: 'Europe/Berlin',
  summary: 'Peer chat: Ada Lovelace × Maria López (Acme)',
  description: 'A peer chat arranged through Peerline.\n\nQuestion: upgrades, replicas; and more',
  url: 'https://meet.example.com/abc-defg-hij',
  organizer: { name: 'Peerline', email: 'no-reply@peerline.test' },
  attendees: [{ name: 'Ada Lovelace', email: 'ada@example.com' }],
  ...over,
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').length,
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startZone: event.startDate.zone?.tzid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: vevent.getFirstPropertyValue('status'),
    organizer: String(vevent.getFirstPropertyValue('organizer')).toLowerCase(),
    attendees: event.attendees.map((a) => ({
      email: String(a.getFirstValue()).toLowerCase(),
      name: a.getParameter('cn'),
      rsvp: a.getParameter('rsvp'),
      partstat: a.getParameter('partstat'),
    })),
    tzid: vevent.getFirstPropertyValue('x-peerline-tzid'),
  };
}

const berlinClock = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));

describe('buildChatInvite', () => {
  it('writes a REQUEST that a calendar reads back with the same UID, times and people', () => {
    const ics = buildChatInvite(input({ sequence: 2 }));
    expect(parse(ics)).toEqual({
      method: 'REQUEST',
      events: 1,
      uid: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f@peerline',
      sequence: 2,
      start: '2026-03-12T16:00:00.000Z',
      end: '2026-03-12T16:30:00.000Z',
      startZone: 'UTC',
      summary: 'Peer chat: Ada Lovelace × Maria López (Acme)',
      description:
        'A peer chat arranged through Peerline.\n\nQuestion: upgrades, replicas; and more',
      location: 'https://meet.example.com/abc-defg-hij',
      status: 'CONFIRMED',
      organizer: 'mailto:no-reply@peerline.test',
      attendees: [
        {
          email: 'mailto:ada@example.com',
          name: 'Ada Lovelace',
          rsvp: 'TRUE',
          partstat: 'NEEDS-ACTION',
        },
      ],
      tzid: 'Europe/Berlin',
    });
  });

  it('writes instants in UTC, with CRLF lines folded at 75 octets', () => {
    const ics = buildChatInvite(input());
    expect(ics).toMatch(/^DTSTART:20260312T160000Z\r$/m);
    expect(ics).toMatch(/^DTEND:20260312T163000Z\r$/m);
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
    expect(ics).not.toMatch(/TZID=/);
    const lines = ics.split('\r\n');
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
  });

  it('cancels the same event: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE', () => {
    const request = parse(buildChatInvite(input({ sequence: 1 })));
    const cancel = parse(buildChatInvite(input({ method: 'CANCEL', sequence: 2 })));
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 2 });
    expect(cancel.uid).toBe(request.uid);
    expect(cancel.sequence).toBeGreaterThan(request.sequence);
    expect(cancel.start).toBe(request.start);
    // Nobody is asked to answer a cancellation.
    expect(cancel.attendees[0]?.rsvp).toBe('FALSE');
  });

  it('names every attendee', () => {
    const ics = buildChatInvite(
      input({
        attendees: [
          { name: 'Ada Lovelace', email: 'ada@example.com' },
          { name: 'Maria López', email: 'maria@acme.test' },
        ],
      }),
    );
    expect(parse(ics).attendees.map((a) => [a.name, a.email])).toEqual([
      ['Ada Lovelace', 'mailto:ada@example.com'],
      ['Maria López', 'mailto:maria@acme.test'],
    ]);
  });

  describe('on the last Sunday of March (Berlin moves from CET to CEST at 02:00)', () => {
    it('keeps a 10:00 CEST chat at 08:00 UTC', () => {
      const e = parse(
        buildChatInvite(input({ startsAt: new Date('2026-03-29T08:00:00Z'), durationMinutes: 45 })),
      );
      expect([e.start, e.end]).toEqual(['2026-03-29T08:00:00.000Z', '2026-03-29T08:45:00.000Z']);
      expect(berlinClock(e.start)).toBe('29/03/2026, 10:00');
    });

    it('lasts 90 real minutes across the switch: 01:30 CET to 04:00 CEST', () => {
      const e = parse(
        buildChatInvite(input({ startsAt: new Date('2026-03-29T00:30:00Z'), durationMinutes: 90 })),
      );
      expect([e.start, e.end]).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T02:00:00.000Z']);
      expect([berlinClock(e.start), berlinClock(e.end)]).toEqual([
        '29/03/2026, 01:30',
        '29/03/2026, 04:00',
      ]);
    });
  });

  it('leaves out an unknown zone instead of failing; the times do not depend on it', () => {
    const e = parse(buildChatInvite(input({ timeZone: 'Mars/Olympus' })));
    expect(e.tzid).toBeNull();
    expect(e.start).toBe('2026-03-12T16:00:00.000Z');
  });

  it('writes no LOCATION or URL without a link', () => {
    const ics = buildChatInvite(input({ url: null }));
    expect(ics).not.toMatch(/^(LOCATION|URL)[:;]/m);
  });

  it.each([
    ['a CANCEL without a higher sequence', { method: 'CANCEL' as const, sequence: 0 }],
    ['a negative sequence', { sequence: -1 }],
    ['an invalid start', { startsAt: new Date('nope') }],
    ['a zero duration', { durationMinutes: 0 }],
    ['a fractional duration', { durationMinutes: 2.5 }],
    ['a link that is not http(s)', { url: 'javascript:alert(1)' }],
    ['no attendees', { attendees: [] }],
    [
      'an attendee with a display name in the address',
      { attendees: [{ name: 'A', email: 'A <a@example.com>' }] },
    ],
    ['a uid with a line break', { uid: 'x\r\nATTENDEE:mailto:eve@example.com' }],
  ])('refuses %s', (_what, over) => {
    expect(() => buildChatInvite(input(over))).toThrow(/buildChatInvite/);
  });
});
