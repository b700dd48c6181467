import type { Role } from '@peerline/contracts';
import type { OrganizationView } from '@peerline/identity';
import { errorCode, IdentityHarness, PASSWORD, type TokenPair } from './identity.harness';

interface AuditItem {
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

describe('identity: administration', () => {
  let h: IdentityHarness;
  let acme: OrganizationView;
  let globex: OrganizationView;

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    globex = await h.createOrg('globex');
  });

  describe('role guard on identity routes', () => {
    type Route = 'POST /users' | 'PATCH /users/:id' | 'GET /audit-log' | 'POST /api-keys';
    const call = async (route: Route, token: string | undefined) => {
      const target = await h.createUser(
        acme,
        `target-${Math.random().toString(36).slice(2)}@acme.test`,
        ['employee'],
      );
      switch (route) {
        case 'POST /users':
          return h.call('POST', '/users', {
            token,
            body: { email: 'new@acme.test', name: 'New', roles: ['employee'] },
          });
        case 'PATCH /users/:id':
          return h.call('PATCH', `/users/${target.id}`, {
            token,
            body: { roles: ['employee', 'ambassador'] },
          });
        case 'GET /audit-log':
          return h.call('GET', '/audit-log', { token });
        case 'POST /api-keys':
          return h.call('POST', '/api-keys', { token, body: { name: 'sync', roles: ['hr'] } });
      }
    };
    const allowed: Record<Route, { roles: Role[]; status: number }> = {
      'POST /users': { roles: ['admin'], status: 201 },
      'PATCH /users/:id': { roles: ['admin'], status: 200 },
      'GET /audit-log': { roles: ['admin', 'hr'], status: 200 },
      'POST /api-keys': { roles: ['admin'], status: 201 },
    };
    const cases = (Object.keys(allowed) as Route[]).flatMap((route) =>
      (['admin', 'hr', 'ambassador', 'employee'] as Role[]).map((role) => {
        const rule = allowed[route];
        return [route, role, rule.roles.includes(role) ? rule.status : 403] as const;
      }),
    );

    it.each(cases)('%s as %s answers %d', async (route, role, expected) => {
      const { tokens } = await h.signedIn(acme, `${role}@acme.test`, [role]);

      const res = await call(route, tokens.accessToken);

      expect(res.status).toBe(expected);
      if (expected === 403) expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it.each(Object.keys(allowed) as Route[])(
      '%s without credentials answers 401 UNAUTHORIZED',
      async (route) => {
        const res = await call(route, undefined);

        expect(res.status).toBe(401);
        expect(errorCode(res)).toBe('UNAUTHORIZED');
      },
    );
  });

  describe('tenant isolation', () => {
    let acmeAdmin: TokenPair;

    beforeEach(async () => {
      acmeAdmin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens;
    });

    it('answers 404 when an admin changes a user of another organization, and changes nothing', async () => {
      const bob = await h.createUser(globex, 'bob@globex.test', ['employee']);

      const res = await h.call('PATCH', `/users/${bob.id}`, {
        token: acmeAdmin.accessToken,
        body: { roles: ['admin'], isActive: false },
      });

      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(await h.users.findUserByEmail(globex.id, 'bob@globex.test')).toMatchObject({
        roles: ['employee'],
        isActive: true,
      });
    });

    it('answers the same 404 for an id that exists nowhere or is not an id', async () => {
      const unknown = await h.call('PATCH', '/users/00000000-0000-4000-8000-000000000000', {
        token: acmeAdmin.accessToken,
        body: {},
      });
      const garbage = await h.call('PATCH', '/users/not-a-uuid', {
        token: acmeAdmin.accessToken,
        body: {},
      });

      expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NOT_FOUND']);
      expect([garbage.status, errorCode(garbage)]).toEqual([404, 'NOT_FOUND']);
    });

    it('lists only the users of the caller’s organization', async () => {
      await h.createUser(globex, 'bob@globex.test', ['employee']);
      await h.createUser(acme, 'ann@acme.test', ['employee']);

      const res = await h.call('GET', '/users', { token: acmeAdmin.accessToken });

      expect(res.status).toBe(200);
      expect((res.body as { items: { email: string }[] }).items.map((u) => u.email)).toEqual([
        'admin@acme.test',
        'ann@acme.test',
      ]);
    });

    it('answers 404 when an admin revokes an API key of another organization, which keeps working', async () => {
      const globexAdmin = (await h.signedIn(globex, 'admin@globex.test', ['admin'])).tokens;
      const created = await h.call('POST', '/api-keys', {
        token: globexAdmin.accessToken,
        body: { name: 'sync', roles: ['admin'] },
      });
      const { id, key } = created.body as { id: string; key: string };

      const res = await h.call('DELETE', `/api-keys/${id}`, { token: acmeAdmin.accessToken });

      expect(res.status).toBe(404);
      expect((await h.call('GET', '/users', { apiKey: key })).status).toBe(200);
    });

    it('shows an organization only its own audit log', async () => {
      const globexAdmin = (await h.signedIn(globex, 'admin@globex.test', ['admin'])).tokens;
      await h.call('POST', '/users', {
        token: globexAdmin.accessToken,
        body: { email: 'x@globex.test', name: 'X', roles: ['hr'] },
      });

      const res = await h.call('GET', '/audit-log', { token: acmeAdmin.accessToken });

      const targets = (res.body as AuditPage).items.map((i) => i.targetId);
      const globexUsers = await h.dataSource.query<{ id: string }[]>(
        'SELECT id FROM users WHERE organization_id = $1',
        [globex.id],
      );
      expect(targets).not.toEqual(expect.arrayContaining(globexUsers.map((u) => u.id)));
      expect(targets).toHaveLength(2); // acme created + admin user created
    });
  });

  describe('users', () => {
    let admin: TokenPair;
    let adminId: string;

    beforeEach(async () => {
      const signed = await h.signedIn(acme, 'admin@acme.test', ['admin']);
      admin = signed.tokens;
      adminId = signed.user.id;
    });

    it('are invited, accept the invitation with a password, and then log in', async () => {
      const invited = await h.call('POST', '/users', {
        token: admin.accessToken,
        body: { email: 'Bob@Acme.test', name: 'Bob', roles: ['ambassador'] },
      });
      expect(invited.status).toBe(201);
      const { id, inviteToken } = invited.body as { id: string; inviteToken: string };
      expect(inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Not before accepting: there is no password yet.
      const early = await h.call('POST', '/auth/login', {
        body: { organization: 'acme', email: 'bob@acme.test', password: PASSWORD },
      });
      expect(early.status).toBe(401);

      const accepted = await h.call('POST', '/auth/accept-invite', {
        body: { token: inviteToken, password: 'a brand new passphrase' },
      });
      expect(accepted.status).toBe(204);

      const session = await h.login('acme', 'bob@acme.test', 'a brand new passphrase');
      const me = await h.call('GET', '/me', { token: session.accessToken });
      expect(me.body).toMatchObject({
        id,
        email: 'bob@acme.test',
        name: 'Bob',
        roles: ['ambassador'],
      });
    });

    it('accept an invitation only once: 410 INVITE_ALREADY_USED, and the first password stays', async () => {
      const { inviteToken } = (
        await h.call('POST', '/users', {
          token: admin.accessToken,
          body: { email: 'bob@acme.test', name: 'Bob', roles: ['employee'] },
        })
      ).body as { inviteToken: string };
      await h.call('POST', '/auth/accept-invite', {
        body: { token: inviteToken, password: 'the first passphrase' },
      });

      const again = await h.call('POST', '/auth/accept-invite', {
        body: { token: inviteToken, password: 'the second passphrase' },
      });

      expect([again.status, errorCode(again)]).toEqual([410, 'INVITE_ALREADY_USED']);
      expect(
        (
          await h.call('POST', '/auth/login', {
            body: {
              organization: 'acme',
              email: 'bob@acme.test',
              password: 'the second passphrase',
            },
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await h.call('POST', '/auth/login', {
            body: {
              organization: 'acme',
              email: 'bob@acme.test',
              password: 'the first passphrase',
            },
          })
        ).status,
      ).toBe(200);
    });

    it('cannot accept an expired invitation: 410 INVITE_EXPIRED', async () => {
      const { inviteToken } = (
        await h.call('POST', '/users', {
          token: admin.accessToken,
          body: { email: 'bob@acme.test', name: 'Bob', roles: ['employee'] },
        })
      ).body as { inviteToken: string };
      await h.dataSource.query(`UPDATE invites SET expires_at = now() - interval '1 second'`);

      const res = await h.call('POST', '/auth/accept-invite', {
        body: { token: inviteToken, password: 'a brand new passphrase' },
      });

      expect([res.status, errorCode(res)]).toEqual([410, 'INVITE_EXPIRED']);
    });

    it('cannot accept an invitation that was never issued: 400 INVITE_INVALID', async () => {
      const res = await h.call('POST', '/auth/accept-invite', {
        body: { token: 'A'.repeat(43), password: 'a brand new passphrase' },
      });

      expect([res.status, errorCode(res)]).toEqual([400, 'INVITE_INVALID']);
    });

    it('need a password of at least 12 characters', async () => {
      const { inviteToken } = (
        await h.call('POST', '/users', {
          token: admin.accessToken,
          body: { email: 'bob@acme.test', name: 'Bob', roles: ['employee'] },
        })
      ).body as { inviteToken: string };

      const res = await h.call('POST', '/auth/accept-invite', {
        body: { token: inviteToken, password: 'short pass' },
      });

      expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('are unique by e-mail within an organization: 409 USER_EXISTS, but another organization may reuse it', async () => {
      const body = { email: 'bob@acme.test', name: 'Bob', roles: ['employee'] };
      await h.call('POST', '/users', { token: admin.accessToken, body });

      const again = await h.call('POST', '/users', {
        token: admin.accessToken,
        body: { ...body, email: 'BOB@acme.test' },
      });

      expect([again.status, errorCode(again)]).toEqual([409, 'USER_EXISTS']);
      await expect(h.createUser(globex, 'bob@acme.test', ['employee'])).resolves.toMatchObject({
        email: 'bob@acme.test',
      });
    });

    it('reject unknown roles and unknown fields with 400', async () => {
      const unknownRole = await h.call('POST', '/users', {
        token: admin.accessToken,
        body: { email: 'bob@acme.test', name: 'Bob', roles: ['root'] },
      });
      const unknownField = await h.call('PATCH', `/users/${adminId}`, {
        token: admin.accessToken,
        body: { email: 'evil@acme.test' },
      });

      expect([unknownRole.status, errorCode(unknownRole)]).toEqual([400, 'VALIDATION_FAILED']);
      expect([unknownField.status, errorCode(unknownField)]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('keep at least one active admin: 409 LAST_ADMIN', async () => {
      const demote = await h.call('PATCH', `/users/${adminId}`, {
        token: admin.accessToken,
        body: { roles: ['hr'] },
      });
      const deactivate = await h.call('PATCH', `/users/${adminId}`, {
        token: admin.accessToken,
        body: { isActive: false },
      });

      expect([demote.status, errorCode(demote)]).toEqual([409, 'LAST_ADMIN']);
      expect([deactivate.status, errorCode(deactivate)]).toEqual([409, 'LAST_ADMIN']);
    });

    it('are listed a page at a time with a cursor', async () => {
      for (const name of ['b', 'c', 'd', 'e'])
        await h.call('POST', '/users', {
          token: admin.accessToken,
          body: { email: `${name}@acme.test`, name, roles: ['employee'] },
        });

      const first = await h.call('GET', '/users?limit=2', { token: admin.accessToken });
      const firstPage = first.body as { items: { email: string }[]; nextCursor: string };
      const second = await h.call('GET', `/users?limit=2&cursor=${firstPage.nextCursor}`, {
        token: admin.accessToken,
      });
      const third = await h.call(
        'GET',
        `/users?limit=2&cursor=${(second.body as { nextCursor: string }).nextCursor}`,
        { token: admin.accessToken },
      );

      expect(firstPage.items.map((u) => u.email)).toEqual(['admin@acme.test', 'b@acme.test']);
      expect((second.body as { items: { email: string }[] }).items.map((u) => u.email)).toEqual([
        'c@acme.test',
        'd@acme.test',
      ]);
      expect(third.body).toMatchObject({ items: [{ email: 'e@acme.test' }], nextCursor: null });
      expect((await h.call('GET', '/users?limit=101', { token: admin.accessToken })).status).toBe(
        400,
      );
    });
  });

  describe('API keys', () => {
    let admin: TokenPair;

    beforeEach(async () => {
      admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens;
    });

    const createKey = async (roles: Role[]) => {
      const res = await h.call('POST', '/api-keys', {
        token: admin.accessToken,
        body: { name: 'ATS sync', roles },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; key: string; prefix: string };
    };

    it('are shown once as pl_<prefix>_<secret> and stored only as prefix and hash', async () => {
      const { id, key, prefix } = await createKey(['hr']);

      expect(key).toMatch(new RegExp(`^pl_${prefix}_[A-Za-z0-9_-]{43}$`));
      const listed = await h.call('GET', '/api-keys', { token: admin.accessToken });
      expect((listed.body as { items: object[] }).items).toEqual([
        expect.not.objectContaining({ key: expect.anything() }),
      ]);
      const rows = await h.dataSource.query<{ key_hash: string; prefix: string }[]>(
        'SELECT key_hash, prefix FROM api_keys WHERE id = $1',
        [id],
      );
      expect(rows[0]?.prefix).toBe(prefix);
      expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(key.slice(16));
    });

    it('authenticate with X-Api-Key as their organization with their roles', async () => {
      const { key } = await createKey(['hr']);

      const audit = await h.call('GET', '/audit-log', { apiKey: key });
      const users = await h.call('GET', '/users', { apiKey: key });
      const me = await h.call('GET', '/me', { apiKey: key });

      expect(audit.status).toBe(200);
      expect([users.status, errorCode(users)]).toEqual([403, 'FORBIDDEN']);
      expect([me.status, errorCode(me)]).toEqual([403, 'NOT_A_USER']);
    });

    it('stop working once revoked: 401', async () => {
      const { id, key } = await createKey(['admin']);
      expect((await h.call('GET', '/users', { apiKey: key })).status).toBe(200);

      expect((await h.call('DELETE', `/api-keys/${id}`, { token: admin.accessToken })).status).toBe(
        204,
      );

      const res = await h.call('GET', '/users', { apiKey: key });
      expect([res.status, errorCode(res)]).toEqual([401, 'UNAUTHORIZED']);
      expect((await h.call('DELETE', `/api-keys/${id}`, { token: admin.accessToken })).status).toBe(
        204,
      );
    });

    it.each([
      ['a malformed key', () => 'not-a-key'],
      ['a known prefix with a wrong secret', (key: string) => key.slice(0, 16) + 'B'.repeat(43)],
      ['an unknown prefix', (key: string) => 'pl_000000000000' + key.slice(15)],
    ])('refuse %s with 401', async (_label, forge) => {
      const { key } = await createKey(['admin']);

      const res = await h.call('GET', '/users', { apiKey: forge(key) });

      expect([res.status, errorCode(res)]).toEqual([401, 'UNAUTHORIZED']);
    });
  });

  describe('audit log', () => {
    let admin: TokenPair;
    let adminId: string;

    beforeEach(async () => {
      const signed = await h.signedIn(acme, 'admin@acme.test', ['admin']);
      admin = signed.tokens;
      adminId = signed.user.id;
    });

    it('records a role change with the roles before and after, the actor and the target', async () => {
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
      await h.call('PATCH', `/users/${ann.id}`, {
        token: admin.accessToken,
        body: { roles: ['employee', 'ambassador'] },
      });
      const { tokens: hr } = await h.signedIn(acme, 'hr@acme.test', ['hr']);

      const res = await h.call('GET', '/audit-log?action=user.roles_changed', {
        token: hr.accessToken,
      });

      expect(res.status).toBe(200);
      expect((res.body as AuditPage).items).toEqual([
        expect.objectContaining({
          actorType: 'user',
          actorId: adminId,
          action: 'user.roles_changed',
          targetType: 'user',
          targetId: ann.id,
          before: { roles: ['employee'] },
          after: { roles: ['employee', 'ambassador'] },
        }),
      ]);
    });

    it('records deactivation, invitations and API key creation and revocation', async () => {
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
      await h.call('PATCH', `/users/${ann.id}`, {
        token: admin.accessToken,
        body: { isActive: false },
      });
      await h.call('POST', '/users', {
        token: admin.accessToken,
        body: { email: 'bob@acme.test', name: 'Bob', roles: ['hr'] },
      });
      const { id: keyId } = (
        await h.call('POST', '/api-keys', {
          token: admin.accessToken,
          body: { name: 'sync', roles: ['hr'] },
        })
      ).body as { id: string };
      await h.call('DELETE', `/api-keys/${keyId}`, { token: admin.accessToken });

      const res = await h.call('GET', `/audit-log?actor=${adminId}`, { token: admin.accessToken });

      const actions = (res.body as AuditPage).items.map((i) => i.action);
      expect(actions).toEqual([
        'api_key.revoked',
        'api_key.created',
        'user.invited',
        'user.deactivated',
      ]);
      const deactivated = (res.body as AuditPage).items.find(
        (i) => i.action === 'user.deactivated',
      );
      expect(deactivated).toMatchObject({
        targetId: ann.id,
        before: { isActive: true },
        after: { isActive: false },
      });
    });

    it('never contains passwords, password hashes, invitation tokens or API keys', async () => {
      const invited = (
        await h.call('POST', '/users', {
          token: admin.accessToken,
          body: { email: 'bob@acme.test', name: 'Bob', roles: ['hr'] },
        })
      ).body as { inviteToken: string };
      await h.call('POST', '/auth/accept-invite', {
        body: { token: invited.inviteToken, password: 'a brand new passphrase' },
      });
      const { key } = (
        await h.call('POST', '/api-keys', {
          token: admin.accessToken,
          body: { name: 'sync', roles: ['hr'] },
        })
      ).body as { key: string };

      const rows = await h.dataSource.query<{ before: unknown; after: unknown }[]>(
        'SELECT before, after FROM audit_log',
      );

      const dump = JSON.stringify(rows);
      const hashes = await h.dataSource.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM users WHERE password_hash IS NOT NULL',
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(dump).not.toContain(invited.inviteToken);
      expect(dump).not.toContain('a brand new passphrase');
      expect(dump).not.toContain(key.slice(16));
      expect(dump).not.toContain('$argon2');
      for (const { password_hash } of hashes) expect(dump).not.toContain(password_hash);
    });

    it('filters by time and pages newest first with a cursor', async () => {
      const ann = await h.createUser(acme, 'ann@acme.test', ['employee']);
      for (const roles of [['hr'], ['ambassador'], ['employee']]) {
        await h.call('PATCH', `/users/${ann.id}`, { token: admin.accessToken, body: { roles } });
      }
      const all = (
        await h.call('GET', '/audit-log?action=user.roles_changed', { token: admin.accessToken })
      ).body as AuditPage;
      expect(all.items.map((i) => i.after)).toEqual([
        { roles: ['employee'] },
        { roles: ['ambassador'] },
        { roles: ['hr'] },
      ]);

      const page1 = (
        await h.call('GET', '/audit-log?action=user.roles_changed&limit=2', {
          token: admin.accessToken,
        })
      ).body as AuditPage;
      const page2 = (
        await h.call(
          'GET',
          `/audit-log?action=user.roles_changed&limit=2&cursor=${page1.nextCursor}`,
          { token: admin.accessToken },
        )
      ).body as AuditPage;
      expect([...page1.items, ...page2.items]).toEqual(all.items);
      expect(page2.nextCursor).toBeNull();

      const future = new Date(Date.now() + 3_600_000).toISOString();
      const past = new Date(Date.now() - 3_600_000).toISOString();
      expect(
        (
          (await h.call('GET', `/audit-log?from=${future}`, { token: admin.accessToken }))
            .body as AuditPage
        ).items,
      ).toEqual([]);
      expect(
        (
          (await h.call('GET', `/audit-log?to=${past}`, { token: admin.accessToken }))
            .body as AuditPage
        ).items,
      ).toEqual([]);
      expect(
        (
          (
            await h.call('GET', `/audit-log?from=${past}&to=${future}&action=user.roles_changed`, {
              token: admin.accessToken,
            })
          ).body as AuditPage
        ).items,
      ).toHaveLength(3);
    });

    it('rejects a forged cursor and malformed filters with 400', async () => {
      const forged = Buffer.from(
        JSON.stringify({ t: "now'); DROP TABLE users; --", i: 'x' }),
      ).toString('base64url');

      for (const query of [`cursor=${forged}`, 'actor=not-a-uuid', 'from=yesterday']) {
        const res = await h.call('GET', `/audit-log?${query}`, { token: admin.accessToken });
        expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });
  });
});
