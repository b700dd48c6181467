import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChatHarness } from './chat-requests.harness';

/** Vendor examples, read from the shared folder (never copied into the repository). */
export const ATS_FIXTURES = resolve(__dirname, '../../shared/fixtures/ats');
export const atsFixture = (name: string): Buffer => readFileSync(resolve(ATS_FIXTURES, name));

export const hmacHex = (secret: string, body: Buffer): string =>
  createHmac('sha256', secret).update(body).digest('hex');

/** The api's own address (for raw requests the JSON helper cannot make). */
export function apiBaseUrl(h: ChatHarness): string {
  const address = h.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('api not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** POSTs raw bytes to a connection's webhook as Greenhouse would, signed unless told otherwise. */
export async function postGreenhouse(
  h: ChatHarness,
  connection: { id: string; secret: string },
  body: Buffer,
  opts: { eventId?: string; signature?: string | null } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'greenhouse-event-id': opts.eventId ?? randomUUID(),
  };
  if (opts.signature !== null) {
    headers['signature'] = opts.signature ?? `sha256 ${hmacHex(connection.secret, body)}`;
  }
  const res = await fetch(`${apiBaseUrl(h)}/api/v1/integrations/${connection.id}/webhook`, {
    method: 'POST',
    headers,
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The consent token as the queued mail to the candidate carries it. */
export async function consentToken(
  h: ChatHarness,
  referralId: string,
): Promise<{ token: string; to: string }> {
  const rows = await h.ds.query<{ text: string; to: string }[]>(
    `SELECT text_body AS text, to_address AS to FROM mail_messages WHERE idempotency_key = $1`,
    [`referral.consent:${referralId}:email`],
  );
  const token = /[?&]token=([A-Za-z0-9_-]{43})/u.exec(rows[0]?.text ?? '')?.[1];
  if (!token || !rows[0]) throw new Error(`no consent mail for ${referralId}`);
  return { token, to: rows[0].to };
}

/** The candidate accepts (or declines) through the link of their mail. */
export async function answerConsent(
  h: ChatHarness,
  referralId: string,
  decision: 'accept' | 'decline' = 'accept',
): Promise<{ status: number; body: unknown }> {
  const { token } = await consentToken(h, referralId);
  return h.call('POST', '/public/referrals/consent', { body: { token, decision } });
}
