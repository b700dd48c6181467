import type { OrganizationView } from '@peerline/identity';
import { errorCode, IdentityHarness, PASSWORD } from './identity.harness';

// Two api instances stand for two processes behind a load balancer. They share this jest
// process, and passport keeps strategies in a process-wide registry, so both stay open for the
// whole file: credentials are checked by whichever registered last, which is fine here since
// both use the same database; the throttler guards and their Redis clients are per instance.
describe('identity: login rate limit across api processes', () => {
  let first: IdentityHarness;
  let second: IdentityHarness;
  let acme: OrganizationView;

  beforeAll(async () => {
    first = await IdentityHarness.start();
    second = await IdentityHarness.start();
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  beforeEach(async () => {
    await first.reset();
    acme = await first.createOrg('acme');
    await first.createUser(acme, 'ann@acme.test', ['employee']);
  });

  it('counts attempts in Redis, so alternating between processes does not double the budget', async () => {
    const body = { organization: 'acme', email: 'ann@acme.test', password: 'wrong password!' };
    for (let i = 0; i < first.config.LOGIN_RATE_LIMIT; i++) {
      const api = i % 2 === 0 ? first : second;
      expect((await api.call('POST', '/auth/login', { body })).status).toBe(401);
    }

    const fromSecond = await second.call('POST', '/auth/login', {
      body: { ...body, password: PASSWORD },
    });
    const fromFirst = await first.call('POST', '/auth/login', {
      body: { ...body, password: PASSWORD },
    });

    expect([fromSecond.status, errorCode(fromSecond)]).toEqual([429, 'RATE_LIMITED']);
    expect([fromFirst.status, errorCode(fromFirst)]).toEqual([429, 'RATE_LIMITED']);
    expect(fromFirst.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('lets the account in again once Redis forgets the window', async () => {
    const body = { organization: 'acme', email: 'ann@acme.test', password: 'wrong password!' };
    for (let i = 0; i <= first.config.LOGIN_RATE_LIMIT; i++)
      await first.call('POST', '/auth/login', { body });
    expect(
      (await second.call('POST', '/auth/login', { body: { ...body, password: PASSWORD } })).status,
    ).toBe(429);

    await first.reset();
    acme = await first.createOrg('acme');
    await first.createUser(acme, 'ann@acme.test', ['employee']);

    expect(
      (await second.call('POST', '/auth/login', { body: { ...body, password: PASSWORD } })).status,
    ).toBe(200);
  });
});
