import type { OrganizationView, UserDto } from '@peerline/identity';
import {
  craftJwt,
  errorCode,
  IdentityHarness,
  nowSeconds,
  PASSWORD,
  type TokenPair,
} from './identity.harness';

describe('identity: authentication', () => {
  let h: IdentityHarness;
  let acme: OrganizationView;

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
  });

  describe('login', () => {
    it('issues an access token, a refresh token and the lifetime for the right password', async () => {
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);

      const res = await h.call('POST', '/auth/login', {
        body: { organization: 'acme', email: 'Ann@Acme.test', password: PASSWORD },
      });

      expect(res.status).toBe(200);
      const pair = res.body as TokenPair;
      expect(pair).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: h.config.JWT_ACCESS_TTL_SECONDS,
      });
      expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const claims = JSON.parse(
        Buffer.from(pair.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as Record<string, unknown>;
      const header = JSON.parse(
        Buffer.from(pair.accessToken.split('.')[0] ?? '', 'base64url').toString(),
      ) as Record<string, unknown>;
      expect(header['alg']).toBe('HS256');
      expect(claims).toMatchObject({ sub: ann.id, org: acme.id, roles: ['employee'] });
      expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(
        h.config.JWT_ACCESS_TTL_SECONDS,
      );
    });

    it('stores refresh tokens only as hashes', async () => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);
      const pair = await h.login('acme', 'ann@acme.test');

      const rows = await h.dataSource.query<{ token_hash: string }[]>(
        'SELECT token_hash FROM refresh_tokens',
      );

      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]?.token_hash).not.toContain(pair.refreshToken);
    });

    it.each([
      [
        'a wrong password',
        { organization: 'acme', email: 'ann@acme.test', password: 'wrong password!' },
      ],
      [
        'an unknown e-mail',
        { organization: 'acme', email: 'nobody@acme.test', password: PASSWORD },
      ],
      [
        'an unknown organization',
        { organization: 'nope', email: 'ann@acme.test', password: PASSWORD },
      ],
      [
        'the right password in another organization',
        { organization: 'globex', email: 'ann@acme.test', password: PASSWORD },
      ],
    ])('answers 401 INVALID_CREDENTIALS for %s', async (_label, body) => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);
      await h.createOrg('globex');

      const res = await h.call('POST', '/auth/login', { body });

      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: expect.any(String), details: {} },
      });
    });

    it('answers 400 MALFORMED_JSON, not 500, for a body that is not JSON', async () => {
      const res = await h.call('POST', '/auth/login', { rawBody: '{"organization": "acme", ' });

      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        error: { code: 'MALFORMED_JSON', message: expect.any(String), details: {} },
      });
    });

    it.each([
      [
        'wrong types',
        { organization: 1, email: ['ann@acme.test'], password: { $ne: '' } },
        ['organization', 'email', 'password'],
      ],
      [
        'an unknown field',
        { organization: 'acme', email: 'ann@acme.test', password: PASSWORD, isAdmin: true },
        ['isAdmin'],
      ],
      ['missing fields', { organization: 'acme' }, ['email', 'password']],
      ['a JSON array', [1, 2], []],
      ['JSON null', null, []],
    ])('answers 400 VALIDATION_FAILED naming the fields for %s', async (_label, body, fields) => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);

      const res = await h.call('POST', '/auth/login', { rawBody: JSON.stringify(body) });

      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      const reported = Object.keys(
        (res.body as { error: { details: { fields?: object } } }).error.details.fields ?? {},
      );
      expect(reported).toEqual(expect.arrayContaining(fields));
    });

    it('does not log in when an unknown field rides along with the right password', async () => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);

      const res = await h.call('POST', '/auth/login', {
        body: {
          organization: 'acme',
          email: 'ann@acme.test',
          password: PASSWORD,
          roles: ['admin'],
        },
      });

      expect(res.status).toBe(400);
      const rows = await h.dataSource.query<unknown[]>('SELECT 1 FROM refresh_tokens');
      expect(rows).toHaveLength(0);
    });

    it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
      const huge = JSON.stringify({
        organization: 'acme',
        email: 'ann@acme.test',
        password: 'x'.repeat(h.config.BODY_LIMIT_BYTES + 10),
      });

      const res = await h.call('POST', '/auth/login', { rawBody: huge });

      expect(res.status).toBe(413);
      expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('limits attempts per address, organization and account: 429 RATE_LIMITED with Retry-After', async () => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);
      await h.createUser(acme, 'bob@acme.test', ['employee']);
      const attempt = (email: string, password: string) =>
        h.call('POST', '/auth/login', { body: { organization: 'acme', email, password } });

      for (let i = 0; i < h.config.LOGIN_RATE_LIMIT; i++) {
        expect((await attempt('ann@acme.test', 'wrong password!')).status).toBe(401);
      }
      const limited = await attempt('ann@acme.test', PASSWORD);

      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        error: {
          code: 'RATE_LIMITED',
          message: expect.any(String),
          details: { retryAfterSeconds: Number(limited.headers.get('retry-after')) },
        },
      });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(h.config.LOGIN_RATE_WINDOW_SECONDS);
      // Another account is its own bucket.
      expect((await attempt('bob@acme.test', PASSWORD)).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let ann: UserDto;
    const validClaims = () => ({
      sub: ann.id,
      org: acme.id,
      roles: ['employee'],
      aud: 'peerline:access',
      iat: nowSeconds(),
      exp: nowSeconds() + 300,
    });

    beforeEach(async () => {
      ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
    });

    it('opens /me with the profile and the organization', async () => {
      const { accessToken } = await h.login('acme', 'ann@acme.test');

      const res = await h.call('GET', '/me', { token: accessToken });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: ann.id,
        email: 'ann@acme.test',
        name: 'ann',
        roles: ['employee'],
        organization: { id: acme.id, slug: 'acme', name: 'acme Inc.' },
      });
    });

    it('accepts a token signed with the secret and HS256 (the control for the refusals below)', async () => {
      const token = craftJwt(
        { alg: 'HS256', typ: 'JWT' },
        validClaims(),
        h.config.JWT_ACCESS_SECRET,
      );

      expect((await h.call('GET', '/me', { token })).status).toBe(200);
    });

    it.each([
      ['no token at all', () => undefined],
      ['a token that is not a JWT', () => 'not-a-jwt'],
      [
        'an expired token',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...validClaims(), iat: nowSeconds() - 600, exp: nowSeconds() - 60 },
            h.config.JWT_ACCESS_SECRET,
          ),
      ],
      [
        'an unsigned token (alg none)',
        () => craftJwt({ alg: 'none', typ: 'JWT' }, validClaims(), null),
      ],
      [
        'a token signed with another secret',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            validClaims(),
            'another-secret-that-is-long-enough-0123456789',
          ),
      ],
      [
        'a token with another algorithm, even with the right secret',
        () => craftJwt({ alg: 'HS512', typ: 'JWT' }, validClaims(), h.config.JWT_ACCESS_SECRET),
      ],
      [
        'a token for another audience',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...validClaims(), aud: 'peerline:triage' },
            h.config.JWT_ACCESS_SECRET,
          ),
      ],
      [
        'a token whose subject is not a user id',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...validClaims(), sub: "x' OR 1=1 --" },
            h.config.JWT_ACCESS_SECRET,
          ),
      ],
      [
        'a token naming the user in another organization',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...validClaims(), org: '00000000-0000-4000-8000-000000000000' },
            h.config.JWT_ACCESS_SECRET,
          ),
      ],
    ])('answers 401 UNAUTHORIZED for %s', async (_label, makeToken) => {
      const res = await h.call('GET', '/me', { token: makeToken() });

      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'UNAUTHORIZED', message: expect.any(String), details: {} },
      });
    });

    it('takes roles from the database, not from the token', async () => {
      const token = craftJwt(
        { alg: 'HS256', typ: 'JWT' },
        { ...validClaims(), roles: ['admin'] },
        h.config.JWT_ACCESS_SECRET,
      );

      const res = await h.call('GET', '/users', { token });

      expect(res.status).toBe(403);
    });
  });

  describe('refresh tokens', () => {
    beforeEach(async () => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);
    });

    const refresh = (refreshToken: string) =>
      h.call('POST', '/auth/refresh', { body: { refreshToken } });

    it('rotate: the new pair works and the old refresh token is spent', async () => {
      const first = await h.login('acme', 'ann@acme.test');

      const rotated = await refresh(first.refreshToken);

      expect(rotated.status).toBe(200);
      const second = rotated.body as TokenPair;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await h.call('GET', '/me', { token: second.accessToken })).status).toBe(200);
      expect((await refresh(second.refreshToken)).status).toBe(200);
    });

    it('revoke the whole family when a rotated token is used again, the newest one included', async () => {
      const first = await h.login('acme', 'ann@acme.test');
      const second = (await refresh(first.refreshToken)).body as TokenPair;
      const third = (await refresh(second.refreshToken)).body as TokenPair;
      const otherLogin = await h.login('acme', 'ann@acme.test');

      const replay = await refresh(first.refreshToken);

      expect(replay.status).toBe(401);
      expect(errorCode(replay)).toBe('REFRESH_TOKEN_REUSED');
      const newest = await refresh(third.refreshToken);
      expect(newest.status).toBe(401);
      expect(errorCode(newest)).toBe('INVALID_REFRESH_TOKEN');
      // A separate login is a separate family and survives.
      expect((await refresh(otherLogin.refreshToken)).status).toBe(200);
    });

    it('let exactly one of several parallel refreshes of the same token succeed', async () => {
      const { refreshToken } = await h.login('acme', 'ann@acme.test');

      const results = await Promise.all(Array.from({ length: 5 }, () => refresh(refreshToken)));

      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 401, 401, 401, 401]);
      const issued = await h.dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM refresh_tokens',
      );
      expect(Number(issued[0]?.n)).toBe(2);
    });

    it('answer 401 REFRESH_TOKEN_EXPIRED after their lifetime', async () => {
      const { refreshToken } = await h.login('acme', 'ann@acme.test');
      await h.dataSource.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second'`,
      );

      const res = await refresh(refreshToken);

      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('REFRESH_TOKEN_EXPIRED');
    });

    it('answer 401 INVALID_REFRESH_TOKEN for a token never issued', async () => {
      const res = await refresh('A'.repeat(43));

      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('INVALID_REFRESH_TOKEN');
    });

    it('are not accepted as access tokens, nor access tokens as refresh tokens', async () => {
      const pair = await h.login('acme', 'ann@acme.test');

      expect((await h.call('GET', '/me', { token: pair.refreshToken })).status).toBe(401);
      expect((await refresh(pair.accessToken)).status).toBe(401);
    });
  });

  describe('logout', () => {
    beforeEach(async () => {
      await h.createUser(acme, 'ann@acme.test', ['employee']);
    });

    it('ends the session of the given refresh token and leaves the others', async () => {
      const laptop = await h.login('acme', 'ann@acme.test');
      const phone = await h.login('acme', 'ann@acme.test');

      const res = await h.call('POST', '/auth/logout', {
        token: laptop.accessToken,
        body: { refreshToken: laptop.refreshToken },
      });

      expect(res.status).toBe(204);
      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: laptop.refreshToken } }))
          .status,
      ).toBe(401);
      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: phone.refreshToken } }))
          .status,
      ).toBe(200);
    });

    it('ends every session of the user when no refresh token is given', async () => {
      const laptop = await h.login('acme', 'ann@acme.test');
      const phone = await h.login('acme', 'ann@acme.test');

      expect((await h.call('POST', '/auth/logout', { token: laptop.accessToken })).status).toBe(
        204,
      );

      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: laptop.refreshToken } }))
          .status,
      ).toBe(401);
      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: phone.refreshToken } }))
          .status,
      ).toBe(401);
    });

    it('cannot end another user’s session', async () => {
      await h.createUser(acme, 'bob@acme.test', ['employee']);
      const ann = await h.login('acme', 'ann@acme.test');
      const bob = await h.login('acme', 'bob@acme.test');

      expect(
        (
          await h.call('POST', '/auth/logout', {
            token: ann.accessToken,
            body: { refreshToken: bob.refreshToken },
          })
        ).status,
      ).toBe(204);

      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: bob.refreshToken } }))
          .status,
      ).toBe(200);
    });

    it('needs authentication', async () => {
      expect((await h.call('POST', '/auth/logout')).status).toBe(401);
    });
  });

  describe('deactivated users', () => {
    it('cannot log in, and their access and refresh tokens stop working at once', async () => {
      const { tokens: admin } = await h.signedIn(acme, 'admin@acme.test', ['admin']);
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
      const session = await h.login('acme', 'ann@acme.test');
      expect((await h.call('GET', '/me', { token: session.accessToken })).status).toBe(200);

      const deactivated = await h.call('PATCH', `/users/${ann.id}`, {
        token: admin.accessToken,
        body: { isActive: false },
      });
      expect(deactivated.status).toBe(200);

      expect((await h.call('GET', '/me', { token: session.accessToken })).status).toBe(401);
      expect(
        (await h.call('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } }))
          .status,
      ).toBe(401);
      const login = await h.call('POST', '/auth/login', {
        body: { organization: 'acme', email: 'ann@acme.test', password: PASSWORD },
      });
      expect(login.status).toBe(401);
      expect(errorCode(login)).toBe('INVALID_CREDENTIALS');
    });

    it('can log in again once reactivated', async () => {
      const { tokens: admin } = await h.signedIn(acme, 'admin@acme.test', ['admin']);
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
      await h.call('PATCH', `/users/${ann.id}`, {
        token: admin.accessToken,
        body: { isActive: false },
      });

      await h.call('PATCH', `/users/${ann.id}`, {
        token: admin.accessToken,
        body: { isActive: true },
      });

      expect(
        (
          await h.call('POST', '/auth/login', {
            body: { organization: 'acme', email: 'ann@acme.test', password: PASSWORD },
          })
        ).status,
      ).toBe(200);
    });
  });
});
