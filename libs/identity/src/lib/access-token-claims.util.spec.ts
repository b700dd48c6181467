import { readAccessTokenClaims } from './access-token-claims.util';

const userId = '2b1c7b8e-6a3f-4d4e-9c1a-0f5e6d7c8b9a';
const orgId = '7d9e0f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a';

describe('readAccessTokenClaims', () => {
  it('reads the user, the organization and the roles', () => {
    expect(
      readAccessTokenClaims({ sub: userId, org: orgId, roles: ['admin', 'hr'], iat: 1, exp: 2 }),
    ).toEqual({
      userId,
      organizationId: orgId,
      roles: ['admin', 'hr'],
    });
  });

  it.each([
    ['a non-object payload', 'a string'],
    ['a missing subject', { org: orgId, roles: [] }],
    ['a subject that is not a uuid', { sub: "1' OR 1=1", org: orgId, roles: [] }],
    ['a missing organization', { sub: userId, roles: [] }],
    ['roles that are not a list', { sub: userId, org: orgId, roles: 'admin' }],
    ['an unknown role', { sub: userId, org: orgId, roles: ['root'] }],
  ])('refuses %s', (_label, payload) => {
    expect(readAccessTokenClaims(payload)).toBeNull();
  });
});
