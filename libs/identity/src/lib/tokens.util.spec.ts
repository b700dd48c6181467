import { generateOpaqueToken, hexDigestsEqual, sha256Hex } from './tokens.util';

describe('opaque tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const a = generateOpaqueToken();
    const b = generateOpaqueToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('are stored as their SHA-256, never as themselves', () => {
    const token = generateOpaqueToken();
    const hash = sha256Hex(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(sha256Hex(token)).toBe(hash);
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('hexDigestsEqual', () => {
  it('accepts equal digests and rejects different ones', () => {
    expect(hexDigestsEqual(sha256Hex('a'), sha256Hex('a'))).toBe(true);
    expect(hexDigestsEqual(sha256Hex('a'), sha256Hex('b'))).toBe(false);
  });

  it('rejects digests of different length or empty ones instead of throwing', () => {
    expect(hexDigestsEqual(sha256Hex('a'), sha256Hex('a').slice(0, 32))).toBe(false);
    expect(hexDigestsEqual('', '')).toBe(false);
  });
});
