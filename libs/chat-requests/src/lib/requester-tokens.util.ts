import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits: unguessable, and URL-safe as it stands. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A one-time verification token: the raw one goes into the e-mail, only the hash is stored. */
export function newVerificationToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function looksLikeToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * Keys derived from the server secret, one per purpose, so a value made for one purpose can
 * never pass as another.
 */
export class RequesterTokens {
  private readonly statusKey: Buffer;
  private readonly ipKey: Buffer;

  constructor(secret: string) {
    this.statusKey = createHmac('sha256', secret).update('peerline:chat-request-status').digest();
    this.ipKey = createHmac('sha256', secret).update('peerline:chat-request-ip').digest();
  }

  /**
   * The status-page token is derived from the request id, not stored: every later mail (rejection,
   * coaching, delivery) can carry the same link without keeping a secret in the database, and it
   * cannot be guessed without the server key.
   */
  statusToken(requestId: string): string {
    return createHmac('sha256', this.statusKey).update(requestId).digest('base64url');
  }

  isStatusToken(requestId: string, token: string): boolean {
    if (!looksLikeToken(token)) return false;
    const expected = Buffer.from(this.statusToken(requestId), 'utf8');
    const given = Buffer.from(token, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Counting requests per client address needs equality only, not the address itself. */
  ipHash(ip: string): string {
    return createHmac('sha256', this.ipKey).update(ip).digest('base64url').slice(0, 32);
  }
}
