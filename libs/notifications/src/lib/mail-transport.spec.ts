import ICAL from 'ical.js';
import MailComposer from 'nodemailer/lib/mail-composer';
import { buildChatInvite } from './calendar/chat-invite';
import { smtpPoolOptions, toSendMailOptions, type OutgoingMail } from './mail-transport';
import { mimeLeaves, splitMime } from './testing/mime-parts';

describe('smtpPoolOptions', () => {
  it('reads host, port and credentials from SMTP_URL', () => {
    expect(smtpPoolOptions('smtp://user%40x:p%3Ass@mail.example.com:2525')).toMatchObject({
      pool: true,
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'user@x', pass: 'p:ss' },
    });
  });

  it('uses implicit TLS and its port for smtps', () => {
    expect(smtpPoolOptions('smtps://mail.example.com')).toMatchObject({
      secure: true,
      port: 465,
      auth: undefined,
    });
  });

  it('bounds every wait so one attempt ends well inside the send lease', () => {
    const o = smtpPoolOptions('smtp://127.0.0.1:1025');
    expect(
      (o.connectionTimeout ?? 0) + (o.greetingTimeout ?? 0) + (o.socketTimeout ?? 0),
    ).toBeLessThan(60_000);
  });
});

describe('toSendMailOptions', () => {
  const base: OutgoingMail = {
    from: 'Peerline <no-reply@peerline.test>',
    to: 'ada@example.com',
    subject: 'Your chat with Maria López is on Thursday',
    text: 'Hi Ada,\nthe invite is attached.',
    html: '<p>Hi Ada</p>',
    messageId: '<m-1@peerline.test>',
  };
  const invite = buildChatInvite({
    uid: 'r-1@peerline',
    sequence: 3,
    method: 'REQUEST',
    startsAt: new Date('2026-03-12T16:00:00Z'),
    durationMinutes: 30,
    timeZone: 'Europe/Berlin',
    summary: 'Peer chat: Ada Lovelace × Maria López (Acme)',
    description: 'A peer chat.',
    organizer: { name: 'Peerline', email: 'no-reply@peerline.test' },
    attendees: [{ name: 'Ada Lovelace', email: 'ada@example.com' }],
  });
  const build = async (mail: OutgoingMail): Promise<string> =>
    (await new MailComposer(toSendMailOptions(mail)).compile().build()).toString('utf8');

  it('sends a plain message without calendar or extra headers', async () => {
    const options = toSendMailOptions(base);
    expect(options).not.toHaveProperty('icalEvent');
    expect(options).not.toHaveProperty('headers');
    const raw = await build(base);
    expect(raw).not.toMatch(/text\/calendar/i);
    expect(raw).not.toMatch(/^List-Unsubscribe/im);
  });

  it('writes the invite as a text/calendar part with its method and as invite.ics', async () => {
    const raw = await build({
      ...base,
      calendar: { method: 'REQUEST', content: invite },
      headers: { 'List-Unsubscribe': '<https://peerline.test/settings/notifications>' },
    });
    const parts = mimeLeaves(raw);
    const calendarPart = parts.find((p) => /^text\/calendar/i.test(p.contentType));
    expect(calendarPart?.contentType).toMatch(/method=REQUEST/i);
    const attachment = parts.find((p) => /^application\/ics/i.test(p.contentType));
    expect(attachment?.headers.get('content-disposition')).toMatch(/attachment/i);
    expect(attachment?.contentType).toMatch(/name=invite\.ics/i);
    for (const part of [calendarPart, attachment]) {
      const vevent = new ICAL.Component(ICAL.parse(part?.body ?? '')).getFirstSubcomponent(
        'vevent',
      );
      expect(vevent?.getFirstPropertyValue('uid')).toBe('r-1@peerline');
      expect(vevent?.getFirstPropertyValue('sequence')).toBe(3);
    }
    expect(splitMime(raw).headers.get('list-unsubscribe')).toBe(
      '<https://peerline.test/settings/notifications>',
    );
    expect(parts.find((p) => /^text\/plain/i.test(p.contentType))?.body).toBe(
      'Hi Ada,\nthe invite is attached.',
    );
  });

  it('passes only allow-listed headers', () => {
    const options = toSendMailOptions({
      ...base,
      headers: { Bcc: 'eve@example.com', 'List-Unsubscribe': '<https://x.test/p>' } as never,
    });
    expect(options.headers).toEqual({ 'List-Unsubscribe': '<https://x.test/p>' });
  });
});
