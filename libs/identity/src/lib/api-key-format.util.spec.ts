import { formatApiKey, generateApiKeyParts, parseApiKey } from './api-key-format.util';

describe('API key format', () => {
  it('issues keys as pl_<prefix>_<secret> that parse back to their parts', () => {
    const parts = generateApiKeyParts();
    const key = formatApiKey(parts);
    expect(key).toMatch(/^pl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)).toEqual(parts);
  });

  it('keeps underscores that belong to the secret', () => {
    const secret = `${'_'.repeat(5)}${'a'.repeat(38)}`;
    expect(parseApiKey(`pl_0123456789ab_${secret}`)).toEqual({ prefix: '0123456789ab', secret });
  });

  it.each([
    ['empty', ''],
    ['another scheme', 'sk_0123456789ab_' + 'a'.repeat(43)],
    ['a short prefix', 'pl_0123_' + 'a'.repeat(43)],
    ['an uppercase prefix', 'pl_0123456789AB_' + 'a'.repeat(43)],
    ['a short secret', 'pl_0123456789ab_' + 'a'.repeat(42)],
    ['a long secret', 'pl_0123456789ab_' + 'a'.repeat(44)],
    ['trailing whitespace', 'pl_0123456789ab_' + 'a'.repeat(43) + ' '],
    ['a bearer prefix', 'Bearer pl_0123456789ab_' + 'a'.repeat(43)],
  ])('rejects %s', (_label, raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });
});
