import { redactSecrets } from './audit-redaction.util';

describe('redactSecrets', () => {
  it('keeps ordinary fields', () => {
    expect(redactSecrets({ roles: ['admin'], isActive: false, name: 'Key Account' })).toEqual({
      roles: ['admin'],
      isActive: false,
      name: 'Key Account',
    });
  });

  it('drops password hashes, tokens, secrets and key hashes at any depth', () => {
    const dirty = {
      roles: ['hr'],
      passwordHash: '$argon2id$…',
      password: 'hunter2hunter2',
      inviteToken: 't',
      refresh_token: 'r',
      key: 'pl_x_y',
      apiKey: 'pl_x_y',
      nested: { keyHash: 'abc', secret: 's', kept: 1 },
      list: [{ tokenHash: 'h', id: 'a' }],
    };
    expect(redactSecrets(dirty)).toEqual({
      roles: ['hr'],
      nested: { kept: 1 },
      list: [{ id: 'a' }],
    });
  });

  it('turns dates into ISO strings and passes null through', () => {
    expect(redactSecrets({ at: new Date('2030-01-02T03:04:05.000Z') })).toEqual({
      at: '2030-01-02T03:04:05.000Z',
    });
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(undefined)).toBeNull();
  });
});
