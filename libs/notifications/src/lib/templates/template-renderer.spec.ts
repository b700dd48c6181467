import { renderMessage, wrapText, type RenderContext } from './template-renderer';
import { TEMPLATE_FIXTURES } from './template-fixtures';
import { TEMPLATE_NAMES, type TemplateName, type TemplateParams } from './template-registry';

const berlin: RenderContext = {
  organizationName: 'Acme & Co',
  locale: 'en-GB',
  timeZone: 'Europe/Berlin',
  preferencesUrl: 'https://peerline.test/settings/notifications',
};

function render(name: TemplateName, ctx: RenderContext = berlin) {
  // Each fixture matches its template by construction of TEMPLATE_FIXTURES' mapped type.
  return renderMessage(name, TEMPLATE_FIXTURES[name] as never, ctx);
}

describe('message templates', () => {
  describe.each(TEMPLATE_NAMES)('%s', (name) => {
    it('renders the same subject, text and HTML from one source', () => {
      const m = render(name);
      expect(m.subject).toMatchSnapshot('subject');
      expect(m.text).toMatchSnapshot('text');
      expect(m.html).toMatchSnapshot('html');
      expect({ summary: m.summary, url: m.url, chat: m.chat }).toMatchSnapshot('one-line forms');
    });

    it('writes a one-line subject and a text body without markup', () => {
      const m = render(name);
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.text).not.toMatch(/<\/?(p|table|a|td)\b/);
      expect(m.html).toContain('<!DOCTYPE html>');
    });
  });

  it('shows times in the recipient’s time zone and locale', () => {
    const ctx = (locale: string, timeZone: string) => ({ ...berlin, locale, timeZone });
    const at = (c: RenderContext) => render('chat-request.reminder', c).text;
    expect(at(ctx('en-GB', 'Europe/Berlin'))).toContain('Tuesday, 3 March 2026 at 10:00 CET');
    expect(at(ctx('en-US', 'America/New_York'))).toContain(
      'Tuesday, March 3, 2026 at 04:00 AM EST',
    );
    expect(at(ctx('de-DE', 'Asia/Tokyo'))).toContain('Dienstag, 3. März 2026 um 18:00 GMT+9');
  });

  it('falls back to UTC and en-GB for an unknown zone or locale instead of failing', () => {
    const m = render('chat-request.reminder', {
      ...berlin,
      locale: 'xx-invalid-!!',
      timeZone: 'Mars/Olympus',
    });
    expect(m.text).toContain('Tuesday, 3 March 2026 at 09:00 UTC');
  });

  it('escapes params in HTML and leaves them alone in text', () => {
    const m = render('chat-request.verification');
    expect(m.html).toContain(
      'href="https://peerline.test/verify?token&#x3D;abc123&amp;x&#x3D;&lt;y&gt;"',
    );
    expect(m.html).toContain('Acme &amp; Co');
    expect(m.text).toContain('https://peerline.test/verify?token=abc123&x=<y>');
    expect(m.text).toContain('Acme & Co');
    const hostile = renderMessage(
      'referral.status-changed',
      {
        ...TEMPLATE_FIXTURES['referral.status-changed'],
        candidateName: '<script>alert(1)</script>',
      },
      berlin,
    );
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.chat.text).not.toContain('<script>');
  });

  it('gives members a preferences link and requesters none', () => {
    expect(render('chat-request.delivered').text).toContain(
      'Notification preferences: https://peerline.test/settings/notifications',
    );
    expect(render('chat-request.verification').text).not.toContain('preferences');
    expect(render('chat-request.verification').html).not.toContain('settings/notifications');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderMessage(
        'identity.invite',
        { ...TEMPLATE_FIXTURES['identity.invite'], acceptUrl: 'javascript:alert(1)' },
        berlin,
      ),
    ).toThrow(/http\(s\)/);
  });

  it('formats money in the recipient’s locale', () => {
    const de = render('payout.approved', { ...berlin, locale: 'de-DE' });
    expect(de.subject).toBe('Your referral bonus of 1.500,00 € was approved');
    expect(render('payout.approved').subject).toBe('Your referral bonus of €1,500.00 was approved');
  });

  it('wraps text bodies at 76 columns without breaking links', () => {
    const url = `https://peerline.test/${'x'.repeat(90)}`;
    const wrapped = wrapText(`${'word '.repeat(30)}${url}`);
    expect(
      Math.max(
        ...wrapped
          .split('\n')
          .filter((l) => !l.includes(url))
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(76);
    expect(wrapped).toContain(url);
  });

  describe('chat lifecycle variants', () => {
    const variant = <T extends TemplateName>(name: T, over: Partial<TemplateParams[T]>) =>
      renderMessage(name, { ...TEMPLATE_FIXTURES[name], ...over }, berlin);

    it('tells the ambassador who forwarded a request, with their note', () => {
      const m = variant('chat-request.delivered', {
        forwardedBy: 'Wei Chen',
        note: 'You ran our last two major upgrades; Ada would learn a lot from you.',
      });
      expect(m.subject).toBe("Wei Chen forwarded Ada Lovelace's chat request to you");
      expect(m.text).toContain(
        'Wei Chen forwarded this request to you:\n\n> You ran our last two major upgrades; Ada would learn a lot from you.',
      );
      expect(m.summary).toBe('Wei Chen forwarded a chat request from Ada Lovelace');
      expect({ subject: m.subject, text: m.text, html: m.html }).toMatchSnapshot();
    });

    it('keeps the plain delivered mail when nobody forwarded it', () => {
      const plain = render('chat-request.delivered');
      const nulls = variant('chat-request.delivered', { forwardedBy: null, note: null });
      expect(nulls.text).toBe(plain.text);
      expect(plain.text).not.toContain('forwarded');
    });

    it('says the invite is attached when there is no calendar link', () => {
      const m = variant('chat-request.accepted', { calendarUrl: null });
      expect(m.subject).toBe(
        'Your chat with Maria López is on Thursday, 12 March 2026 at 17:00 CET',
      );
      expect(m.text).toContain('The calendar invite is attached to this e-mail');
      expect(m.text).not.toContain('.ics');
    });

    it('tells the requester the chat moved, and that the new invite replaces the old one', () => {
      const m = variant('chat-request.accepted', { calendarUrl: null, rescheduled: true });
      expect(m.subject).toBe(
        'Your chat with Maria López moved to Thursday, 12 March 2026 at 17:00 CET',
      );
      expect(m.text).toContain('Maria López moved your peer chat to a new time.');
      expect(m.text).toContain('New time: Thursday, 12 March 2026 at 17:00 CET');
      expect(m.text).toContain('replaces the earlier one');
      expect({ subject: m.subject, text: m.text, html: m.html }).toMatchSnapshot();
    });

    it('does not claim an attachment before a time is set', () => {
      const m = variant('chat-request.accepted', { startsAt: null, calendarUrl: null });
      expect(m.subject).toBe('Maria López accepted your chat request');
      expect(m.text).not.toContain('attached');
    });

    it('shows the ambassador the chat in their zone across the DST switch', () => {
      expect(render('chat-request.scheduled').subject).toBe(
        'Your chat with Ada Lovelace is on Sunday, 29 March 2026 at 10:00 CEST',
      );
      expect(variant('chat-request.scheduled', { rescheduled: true }).subject).toBe(
        'Your chat with Ada Lovelace moved to Sunday, 29 March 2026 at 10:00 CEST',
      );
    });

    it('words a cancellation without a time or reason', () => {
      const m = variant('chat-request.cancelled', { startsAt: null, reason: null });
      expect(m.subject).toBe('Maria López had to cancel your chat');
      expect(m.text).not.toContain('attached');
      expect(m.text).not.toContain('> ');
    });

    it('tells the ambassador a request without a time was withdrawn', () => {
      const m = variant('chat-request.withdrawn', { startsAt: null });
      expect(m.subject).toBe('Ada Lovelace withdrew their chat request');
      expect(m.text).not.toContain('attached');
    });

    it('words the ambassador’s own cancellation as theirs', () => {
      const m = variant('chat-request.withdrawn', { cancelledByYou: true });
      expect(m.subject).toBe('You cancelled your chat with Ada Lovelace');
      expect(m.text.replace(/\s+/g, ' ')).toContain('is cancelled, as you asked.');
      expect(m.summary).toBe('You cancelled your chat with Ada Lovelace');
      expect(m.text).not.toContain('withdrew');
    });

    it('leaves out the quote when a forward or introduction has no note', () => {
      for (const name of ['chat-request.forwarded', 'chat-request.introduced'] as const) {
        const m = variant(name, { note: null });
        expect(m.text).not.toContain('wrote:');
        expect(m.text).not.toContain('> ');
      }
    });
  });
});
