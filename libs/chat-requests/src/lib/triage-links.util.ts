import { JwtService } from '@nestjs/jwt';
import { createHmac, randomUUID } from 'node:crypto';

export const TRIAGE_ACTIONS = ['accept', 'decline'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

/** What a one-click link is bound to. */
export interface TriageLinkClaims {
  organizationId: string;
  requestId: string;
  ambassadorId: string;
  action: TriageAction;
  /** Shared by the accept and decline links of one delivery: using one uses both. */
  linkId: string;
  expiresAt: Date;
}

export type TriageLinkCheck =
  { ok: true; claims: TriageLinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

const AUDIENCE = 'peerline:triage-link';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// A compact JWS is three base64url parts; anything else is refused before any crypto.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{10,800}\.[A-Za-z0-9_-]{20,100}$/;

interface RawClaims {
  org?: unknown;
  sub?: unknown;
  amb?: unknown;
  act?: unknown;
  jti?: unknown;
  exp?: unknown;
}

/**
 * Signed one-click links for the delivery e-mail: an HS256 JWT (the well-kept jsonwebtoken via
 * @nestjs/jwt) with its own key, derived from the server secret for this purpose only, so no
 * other token of the platform (access tokens, status tokens) can pass as one, and an audience
 * pinned on both sides. Single use is enforced in the database (triage_link_uses), not here.
 */
export class TriageLinks {
  private readonly jwt: JwtService;

  constructor(
    secret: string,
    private readonly ttlDays: number,
  ) {
    const key = createHmac('sha256', secret).update('peerline:triage-links').digest('base64');
    this.jwt = new JwtService({ secret: key });
  }

  /** Both links of one delivery; `now` is the delivery time. */
  issue(
    input: { organizationId: string; requestId: string; ambassadorId: string },
    now: Date,
  ): { accept: string; decline: string; linkId: string; expiresAt: Date } {
    const linkId = randomUUID();
    const exp = Math.floor(now.getTime() / 1000) + this.ttlDays * 86_400;
    const sign = (action: TriageAction): string =>
      this.jwt.sign(
        {
          org: input.organizationId,
          amb: input.ambassadorId,
          act: action,
          exp,
        },
        { subject: input.requestId, jwtid: linkId, audience: AUDIENCE, algorithm: 'HS256' },
      );
    return {
      accept: sign('accept'),
      decline: sign('decline'),
      linkId,
      expiresAt: new Date(exp * 1000),
    };
  }

  /** Checks signature, audience, shape and expiry at `now`. */
  verify(token: string, now: Date): TriageLinkCheck {
    if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'invalid' };
    let raw: RawClaims;
    try {
      raw = this.jwt.verify<RawClaims & object>(token, {
        audience: AUDIENCE,
        algorithms: ['HS256'],
        // Expiry is checked below against the injected clock.
        ignoreExpiration: true,
      });
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const { org, sub, amb, act, jti, exp } = raw;
    if (
      typeof org !== 'string' ||
      typeof sub !== 'string' ||
      typeof amb !== 'string' ||
      typeof jti !== 'string' ||
      typeof exp !== 'number' ||
      ![org, sub, amb, jti].every((v) => UUID.test(v)) ||
      !TRIAGE_ACTIONS.includes(act as TriageAction)
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const expiresAt = new Date(exp * 1000);
    if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: {
        organizationId: org,
        requestId: sub,
        ambassadorId: amb,
        action: act as TriageAction,
        linkId: jti,
        expiresAt,
      },
    };
  }
}
