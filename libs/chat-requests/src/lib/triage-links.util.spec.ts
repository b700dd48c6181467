import { JwtService } from '@nestjs/jwt';
import { TriageLinks } from './triage-links.util';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const ids = {
  organizationId: '11111111-1111-4111-8111-111111111111',
  requestId: '22222222-2222-4222-8222-222222222222',
  ambassadorId: '33333333-3333-4333-8333-333333333333',
};
const now = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;

describe('one-click triage links', () => {
  const links = new TriageLinks(SECRET, 7);

  it('issues an accept and a decline link sharing one link id, bound to request and ambassador', () => {
    const issued = links.issue(ids, now);
    expect(issued.accept).not.toEqual(issued.decline);
    const accept = links.verify(issued.accept, now);
    const decline = links.verify(issued.decline, now);
    expect(accept).toEqual({
      ok: true,
      claims: { ...ids, action: 'accept', linkId: issued.linkId, expiresAt: issued.expiresAt },
    });
    expect(decline.ok && decline.claims.action).toBe('decline');
    expect(decline.ok && decline.claims.linkId).toBe(issued.linkId);
    expect(issued.expiresAt).toEqual(new Date(now.getTime() + 7 * DAY));
  });

  it('expires after the configured days, by the clock it is given', () => {
    const { accept } = links.issue(ids, now);
    expect(links.verify(accept, new Date(now.getTime() + 7 * DAY - 1000)).ok).toBe(true);
    expect(links.verify(accept, new Date(now.getTime() + 7 * DAY))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a tampered payload, another key, another audience and garbage', () => {
    const { accept } = links.issue(ids, now);
    const [header, payload, signature] = accept.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, act: 'decline' })).toString('base64url');
    expect(links.verify(`${header}.${forged}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const other = new TriageLinks('another-secret-of-at-least-thirty-two-chars', 7);
    expect(links.verify(other.issue(ids, now).accept, now).ok).toBe(false);
    // A token signed with the raw server secret (as another purpose might) does not pass.
    const foreign = new JwtService({ secret: SECRET }).sign(
      { org: ids.organizationId, amb: ids.ambassadorId, act: 'accept' },
      {
        subject: ids.requestId,
        jwtid: ids.requestId,
        audience: 'peerline:triage-link',
        expiresIn: 600,
      },
    );
    expect(links.verify(foreign, now).ok).toBe(false);
    for (const junk of ['', 'abc', 'a.b.c', `${accept}x`, accept.replace(/\./g, '')]) {
      expect(links.verify(junk, now).ok).toBe(false);
    }
  });
});
