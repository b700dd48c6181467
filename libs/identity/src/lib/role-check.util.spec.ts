import { hasAnyRole } from './role-check.util';

describe('hasAnyRole', () => {
  it('lets anyone through when no role is required', () => {
    expect(hasAnyRole([], [])).toBe(true);
  });

  it('needs one of the required roles, not all of them', () => {
    expect(hasAnyRole(['hr'], ['admin', 'hr'])).toBe(true);
    expect(hasAnyRole(['employee', 'admin'], ['admin'])).toBe(true);
  });

  it('refuses holders of other roles and holders of none', () => {
    expect(hasAnyRole(['employee', 'ambassador'], ['admin', 'hr'])).toBe(false);
    expect(hasAnyRole([], ['admin'])).toBe(false);
  });
});
