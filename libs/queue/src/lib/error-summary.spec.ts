import { redactAddresses, summarizeError } from './error-summary';

describe('summarizeError', () => {
  it('keeps the name and the first line of the message', () => {
    expect(summarizeError(new TypeError('bad thing\n    at stack line'))).toBe(
      'TypeError: bad thing',
    );
  });

  it('removes e-mail addresses', () => {
    expect(summarizeError(new Error('550 <bob.smith+x@mail.example.com>: no such user'))).toBe(
      'Error: 550 <[address]>: no such user',
    );
    expect(redactAddresses('to a@b.co and "c@d.org"')).toBe('to [address] and "[address]"');
  });

  it('bounds the length', () => {
    const summary = summarizeError(new Error('x'.repeat(1000)), 50);
    expect(summary).toHaveLength(50);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('describes values that are not errors', () => {
    expect(summarizeError('plain text')).toBe('string: plain text');
    expect(summarizeError(undefined)).toBe('undefined');
  });
});
