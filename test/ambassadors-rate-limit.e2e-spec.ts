import type { OrganizationView } from '@peerline/identity';
import { anAmbassador, useDirectoryEnv } from './ambassadors.harness';
import { IdentityHarness, type ErrorShape, type HttpResult } from './identity.harness';

const LIMIT = 5;

describe('ambassador directory: rate limit per client address', () => {
  describe('behind a trusted proxy', () => {
    let h: IdentityHarness;
    let acme: OrganizationView;
    let ambassadorId: string;

    beforeAll(async () => {
      useDirectoryEnv({
        TRUST_PROXY: 'true',
        DIRECTORY_RATE_LIMIT_PER_IP: String(LIMIT),
        DIRECTORY_RATE_WINDOW_SECONDS: '60',
      });
      h = await IdentityHarness.start();
    });

    afterAll(async () => {
      await h.close();
    });

    beforeEach(async () => {
      await h.reset();
      acme = await h.createOrg('acme');
      ({ id: ambassadorId } = await anAmbassador(h, acme, { displayName: 'John Carter' }));
    });

    const from = (ip: string, path: string): Promise<HttpResult> =>
      h.call('GET', `/public/orgs/acme${path}`, { headers: { 'x-forwarded-for': ip } });

    it('answers 429 RATE_LIMITED with Retry-After once one address used up its budget, across search, profile and match', async () => {
      const paths = ['/ambassadors', `/ambassadors/${ambassadorId}`, '/match?topic=go'];
      for (let i = 0; i < LIMIT; i++) {
        const res = await from('203.0.113.7', paths[i % paths.length] ?? '');
        expect(res.status).toBe(200);
      }

      const limited = await from('203.0.113.7', '/ambassadors?name=jonh');

      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/json');
      const body = limited.body as ErrorShape;
      expect(body).toEqual({
        error: {
          code: 'RATE_LIMITED',
          message: expect.any(String),
          details: { retryAfterSeconds: expect.any(Number) },
        },
      });
      const retryAfter = limited.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/u);
      expect(Number(retryAfter)).toBe(body.error.details['retryAfterSeconds']);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      // Still limited on the other routes: one budget per address.
      expect((await from('203.0.113.7', `/ambassadors/${ambassadorId}`)).status).toBe(429);
    });

    it('does not limit another address', async () => {
      for (let i = 0; i <= LIMIT; i++) await from('203.0.113.7', '/ambassadors');
      expect((await from('203.0.113.7', '/ambassadors')).status).toBe(429);

      const other = await from('198.51.100.23', '/ambassadors');

      expect(other.status).toBe(200);
      expect(other.headers.get('retry-after')).toBeNull();
    });

    it('counts in Redis: a second api process shares the budget', async () => {
      const second = await IdentityHarness.start();
      try {
        for (let i = 0; i < LIMIT; i++) {
          const api = i % 2 === 0 ? h : second;
          const res = await api.call('GET', '/public/orgs/acme/ambassadors', {
            headers: { 'x-forwarded-for': '192.0.2.44' },
          });
          expect(res.status).toBe(200);
        }
        const res = await second.call('GET', '/public/orgs/acme/ambassadors', {
          headers: { 'x-forwarded-for': '192.0.2.44' },
        });
        expect(res.status).toBe(429);
      } finally {
        await second.close();
      }
    });
  });

  describe('without a trusted proxy', () => {
    let h: IdentityHarness;

    beforeAll(async () => {
      useDirectoryEnv({
        TRUST_PROXY: 'false',
        DIRECTORY_RATE_LIMIT_PER_IP: String(LIMIT),
        DIRECTORY_RATE_WINDOW_SECONDS: '60',
      });
      h = await IdentityHarness.start();
    });

    afterAll(async () => {
      await h.close();
    });

    it('ignores X-Forwarded-For, so a client cannot pick a fresh address per request', async () => {
      await h.reset();
      await h.createOrg('acme');
      const statuses: number[] = [];
      for (let i = 0; i <= LIMIT; i++) {
        const res = await h.call('GET', '/public/orgs/acme/ambassadors', {
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        });
        statuses.push(res.status);
      }

      expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    });
  });
});
