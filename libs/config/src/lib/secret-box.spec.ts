import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(40), 'peerline:chat-webhook-url');

  it('opens what it sealed, with a fresh nonce each time', () => {
    const url = 'https://hooks.slack.test/services/T/B/secret';
    const a = box.seal(url);
    expect(a).not.toContain('secret');
    expect(box.seal(url)).not.toBe(a);
    expect(box.open(a)).toBe(url);
  });

  it('refuses a tampered value, another key or another purpose', () => {
    const sealed = box.seal('https://x.test/a');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() =>
      box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => new SecretBox('x'.repeat(40), 'peerline:chat-webhook-url').open(sealed)).toThrow();
    expect(() => new SecretBox('k'.repeat(40), 'peerline:other').open(sealed)).toThrow();
    expect(() => box.open('plain text')).toThrow(/format/);
  });
});
