import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { id, isObject, str } from './guards';

// Inbound ATS webhook verification (INTEGRATIONS.md): signatures are checked over the RAW request
// bytes with a constant-time comparison, before anything in the body is trusted.
//
// - Greenhouse: header `Signature: sha256 <hex>` (a space, not "="), HMAC-SHA256(secret, raw body).
//   Event id: the `Greenhouse-Event-ID` header, else a hash of the body.
// - Ashby: header `Ashby-Signature: sha256=<hex>`, HMAC-SHA256(secret, raw body). Event id: the
//   body's `webhookActionId` (Ashby's "Common Payload Data": unique per event and the same across
//   retries), else a hash of the body. Ashby makes the secret optional; Peerline requires it.
// - Lever: no header. The body carries `signature` = hex HMAC-SHA256(secret, token + triggeredAt),
//   so the body must be parsed first, and a body that is not strict JSON is a 400 before any
//   signature check (there is nothing to check it with). `data` is NOT covered by the signature:
//   a `triggeredAt` outside the tolerance is refused (401 EVENT_STALE) and the caller must refuse
//   a `leverToken` it has seen before (it stores them). Event id: body `id`, else a hash of the
//   body (Lever's documented examples have no `id`).
//
// Failures are values, never throws: 401 for a missing/invalid signature or a stale event (store
// nothing), 400 for a body that is not a JSON object. The function throws only for programming
// or configuration errors (empty secret, no raw body, bad tolerance), which must surface as a 500
// so the vendor retries once the configuration is fixed. No message ever contains the secret.

export type AtsProvider = 'greenhouse' | 'lever' | 'ashby';

export interface InboundDelivery {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer;
}

export type Verified =
  | {
      ok: true;
      provider: AtsProvider;
      eventId: string;
      body: unknown;
      leverToken?: string;
      triggeredAt?: Date;
    }
  | {
      ok: false;
      status: 400 | 401;
      code: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'EVENT_STALE' | 'MALFORMED_BODY';
      message: string;
    };

type Failure = Extract<Verified, { ok: false }>;

export const DEFAULT_LEVER_TOLERANCE_MS = 5 * 60 * 1000;

const SHA256_HEX_LENGTH = 64;

export function verifyDelivery(
  provider: AtsProvider,
  secret: string,
  delivery: InboundDelivery,
  now: Date,
  options?: { leverToleranceMs?: number },
): Verified {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(`No webhook secret configured for ${provider}`);
  }
  if (!Buffer.isBuffer(delivery.rawBody)) {
    throw new TypeError('rawBody is not a Buffer: create the Nest app with { rawBody: true }');
  }
  switch (provider) {
    case 'greenhouse':
      return verifyGreenhouse(secret, delivery);
    case 'ashby':
      return verifyAshby(secret, delivery);
    case 'lever':
      return verifyLever(secret, delivery, now, leverTolerance(options?.leverToleranceMs));
  }
}

function leverTolerance(value: number | undefined): number {
  if (value === undefined) return DEFAULT_LEVER_TOLERANCE_MS;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError('leverToleranceMs must be a finite number >= 0');
  }
  return value;
}

function verifyGreenhouse(secret: string, delivery: InboundDelivery): Verified {
  const signature = signatureHeader(delivery.headers, 'signature', /^sha256 +([0-9a-f]+)$/i);
  if (!signature.ok) return signature;
  if (!digestMatches(hmac(secret, delivery.rawBody), signature.hex)) {
    return fail(401, 'SIGNATURE_INVALID', 'Signature does not match the request body');
  }
  const body = parseJsonObject(delivery.rawBody);
  if (!body.ok) return body;
  const eventHeader = singleHeader(delivery.headers, 'greenhouse-event-id');
  const eventId =
    (eventHeader.kind === 'value' ? str(eventHeader.value) : null) ?? bodyHash(delivery.rawBody);
  return { ok: true, provider: 'greenhouse', eventId, body: body.value };
}

function verifyAshby(secret: string, delivery: InboundDelivery): Verified {
  const signature = signatureHeader(delivery.headers, 'ashby-signature', /^sha256=([0-9a-f]+)$/i);
  if (!signature.ok) return signature;
  if (!digestMatches(hmac(secret, delivery.rawBody), signature.hex)) {
    return fail(401, 'SIGNATURE_INVALID', 'Ashby-Signature does not match the request body');
  }
  const body = parseJsonObject(delivery.rawBody);
  if (!body.ok) return body;
  const eventId = str(body.value['webhookActionId']) ?? bodyHash(delivery.rawBody);
  return { ok: true, provider: 'ashby', eventId, body: body.value };
}

function verifyLever(
  secret: string,
  delivery: InboundDelivery,
  now: Date,
  toleranceMs: number,
): Verified {
  // Lever signs fields inside the body, so it has to be parsed before anything can be checked.
  const body = parseJsonObject(delivery.rawBody);
  if (!body.ok) return body;
  const signature = str(body.value['signature']);
  const token = str(body.value['token']);
  const triggeredAt = leverTimestamp(body.value['triggeredAt']);
  if (signature === null || token === null || triggeredAt === null) {
    return fail(401, 'SIGNATURE_MISSING', 'Lever signature, token or triggeredAt is missing');
  }
  if (!/^[0-9a-f]+$/i.test(signature)) {
    return fail(401, 'SIGNATURE_INVALID', 'Lever signature is not a hex digest');
  }
  if (!digestMatches(hmac(secret, Buffer.from(token + triggeredAt.text, 'utf8')), signature)) {
    return fail(401, 'SIGNATURE_INVALID', 'Lever signature does not match token + triggeredAt');
  }
  if (Math.abs(now.getTime() - triggeredAt.ms) > toleranceMs) {
    return fail(401, 'EVENT_STALE', 'Lever triggeredAt is outside the accepted time window');
  }
  return {
    ok: true,
    provider: 'lever',
    eventId: id(body.value['id']) ?? bodyHash(delivery.rawBody),
    body: body.value,
    leverToken: token,
    triggeredAt: new Date(triggeredAt.ms),
  };
}

// Lever sends triggeredAt as milliseconds since the epoch (a JSON number). The signed text is the
// number's decimal form, which is what `token + triggeredAt` gives in Lever's own examples.
function leverTimestamp(value: unknown): { ms: number; text: string } | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return { ms: value, text: String(value) };
  }
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) {
    const ms = Number(value);
    return Number.isSafeInteger(ms) ? { ms, text: value } : null;
  }
  return null;
}

// --- headers ---------------------------------------------------------------------------------

type HeaderLookup = { kind: 'missing' } | { kind: 'ambiguous' } | { kind: 'value'; value: string };

// Header names are case-insensitive. Node lower-cases them already, but a plain object built by a
// test or another framework may not; two spellings of the same header, or a repeated header, are
// ambiguous and never trusted.
function singleHeader(headers: InboundDelivery['headers'], lowerName: string): HeaderLookup {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== lowerName || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value);
    else values.push(value);
  }
  if (values.length === 0) return { kind: 'missing' };
  if (values.length > 1) return { kind: 'ambiguous' };
  return { kind: 'value', value: values[0] };
}

function signatureHeader(
  headers: InboundDelivery['headers'],
  lowerName: string,
  format: RegExp,
): { ok: true; hex: string } | Failure {
  const header = singleHeader(headers, lowerName);
  if (header.kind === 'missing' || (header.kind === 'value' && header.value.trim() === '')) {
    return fail(401, 'SIGNATURE_MISSING', `Missing ${lowerName} header`);
  }
  if (header.kind === 'ambiguous') {
    return fail(401, 'SIGNATURE_INVALID', `More than one ${lowerName} header`);
  }
  const match = format.exec(header.value.trim());
  if (match === null) {
    return fail(401, 'SIGNATURE_INVALID', `Malformed ${lowerName} header`);
  }
  return { ok: true, hex: match[1] };
}

// --- crypto ----------------------------------------------------------------------------------

function hmac(secret: string, data: Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

// Constant-time comparison of a digest with a hex string from the request. Lengths are checked
// first (timingSafeEqual throws on unequal lengths; the length of a SHA-256 digest is public).
function digestMatches(expected: Buffer, providedHex: string): boolean {
  if (providedHex.length !== SHA256_HEX_LENGTH || !/^[0-9a-f]+$/i.test(providedHex)) return false;
  const provided = Buffer.from(providedHex, 'hex');
  return provided.length === expected.length && timingSafeEqual(provided, expected);
}

function bodyHash(rawBody: Buffer): string {
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

// --- body ------------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonObject(
  rawBody: Buffer,
): { ok: true; value: Readonly<Record<string, unknown>> } | Failure {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(rawBody));
  } catch {
    return fail(400, 'MALFORMED_BODY', 'Request body is not valid JSON');
  }
  if (!isObject(parsed)) return fail(400, 'MALFORMED_BODY', 'Request body is not a JSON object');
  return { ok: true, value: parsed };
}

function fail(status: Failure['status'], code: Failure['code'], message: string): Failure {
  return { ok: false, status, code, message };
}
