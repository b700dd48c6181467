import {
  hashToken,
  looksLikeToken,
  newVerificationToken,
  RequesterTokens,
} from './requester-tokens.util';

describe('requester tokens', () => {
  const tokens = new RequesterTokens('a-test-secret-that-is-long-enough-0123456789');
  const id = '5b0f2d8e-4f7a-4c1e-9d7e-2a4b6c8d0e1f';

  it('stores verification tokens only as hashes', () => {
    const { token, hash } = newVerificationToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(hash).toBe(hashToken(token));
    expect(hash).not.toContain(token);
  });

  it('accepts the status token of the request and nothing else', () => {
    const token = tokens.statusToken(id);
    expect(tokens.isStatusToken(id, token)).toBe(true);
    expect(tokens.isStatusToken('6b0f2d8e-4f7a-4c1e-9d7e-2a4b6c8d0e1f', token)).toBe(false);
    expect(tokens.isStatusToken(id, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBe(
      false,
    );
    expect(tokens.isStatusToken(id, '')).toBe(false);
  });

  it('derives different status tokens under a different secret', () => {
    const other = new RequesterTokens('another-secret-that-is-long-enough-0123456789');
    expect(other.statusToken(id)).not.toBe(tokens.statusToken(id));
  });
});
