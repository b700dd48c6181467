import {
  domainAndParents,
  emailDomain,
  isDisposableDomain,
  normalizeEmail,
} from './requester-email.util';

describe('requester e-mail', () => {
  it('normalizes addresses so one person is one requester', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
    expect(emailDomain('ada@mail.example.org')).toBe('mail.example.org');
  });

  it('recognizes disposable domains from the maintained list', () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('MAILINATOR.COM')).toBe(true);
    expect(isDisposableDomain('gmail.com')).toBe(false);
    expect(isDisposableDomain('example.org')).toBe(false);
  });

  it('lists a domain with its parents for block-list lookups', () => {
    expect(domainAndParents('mail.evil.example')).toEqual(['mail.evil.example', 'evil.example']);
  });
});
