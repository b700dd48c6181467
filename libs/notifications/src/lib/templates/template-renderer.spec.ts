import { renderMessage, wrapText, type RenderContext } from './template-renderer';
import { TEMPLATE_FIXTURES } from './template-fixtures';
import { TEMPLATE_NAMES, type TemplateName } from './template-registry';

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
});
