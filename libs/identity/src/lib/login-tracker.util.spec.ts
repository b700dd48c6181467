import { loginTracker } from './login-tracker.util';

describe('loginTracker', () => {
  it('counts the same account from the same address in one bucket whatever the spelling', () => {
    expect(loginTracker('10.0.0.1', { organization: 'Acme', email: ' Ann@Acme.test ' })).toBe(
      loginTracker('10.0.0.1', { organization: 'acme', email: 'ann@acme.test' }),
    );
  });

  it('separates addresses, organizations and accounts', () => {
    const base = loginTracker('10.0.0.1', { organization: 'acme', email: 'ann@acme.test' });
    expect(loginTracker('10.0.0.2', { organization: 'acme', email: 'ann@acme.test' })).not.toBe(
      base,
    );
    expect(loginTracker('10.0.0.1', { organization: 'other', email: 'ann@acme.test' })).not.toBe(
      base,
    );
    expect(loginTracker('10.0.0.1', { organization: 'acme', email: 'bob@acme.test' })).not.toBe(
      base,
    );
  });

  it('cannot be confused by separators inside the fields', () => {
    expect(loginTracker('1', { organization: 'a|b', email: 'c' })).not.toBe(
      loginTracker('1', { organization: 'a', email: 'b|c' }),
    );
  });

  it('still gives a bucket for bodies of the wrong shape, so they are counted too', () => {
    expect(loginTracker('10.0.0.1', undefined)).toBe(
      loginTracker('10.0.0.1', { organization: 1, email: [] }),
    );
  });
});
