import PostalMime from 'postal-mime';
import type { CaughtMail } from '@peerline/testing';
import ICAL from 'ical.js';
import type { ChatHarness, TestAmbassador, VerifiedRequest } from './chat-requests.harness';

/** What a calendar part says, read by an independent parser (ical.js), not the one that wrote it. */
export interface ParsedInvite {
  method: string | null;
  uid: string;
  sequence: number;
  status: string | null;
  start: Date;
  end: Date;
  attendees: string[];
}

export async function invitesIn(mail: CaughtMail): Promise<ParsedInvite[]> {
  // postal-mime reports every text/calendar part (nodemailer's icalEvent) as an attachment.
  const parsed = await PostalMime.parse(mail.raw, { attachmentEncoding: 'utf8' });
  const texts = parsed.attachments
    .filter((a) => a.mimeType.startsWith('text/calendar'))
    .map((a) =>
      typeof a.content === 'string'
        ? a.content
        : Buffer.from(a.content as ArrayBuffer).toString('utf8'),
    );
  return [...new Set(texts)].map(parseInvite);
}

export function parseInvite(text: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT in the calendar part');
  const e = new ICAL.Event(event);
  const method = calendar.getFirstPropertyValue('method');
  const status = event.getFirstPropertyValue('status');
  return {
    method: typeof method === 'string' ? method : null,
    uid: e.uid,
    sequence: e.sequence,
    status: typeof status === 'string' ? status : null,
    start: e.startDate.toJSDate(),
    end: e.endDate.toJSDate(),
    attendees: event.getAllProperties('attendee').map((p) =>
      String(p.getFirstValue())
        .replace(/^mailto:/i, '')
        .toLowerCase(),
    ),
  };
}

/** The one-click links of the delivery mail, as paths under the api's base URL. */
export function triageLinks(mail: CaughtMail): { accept: string; decline: string } {
  const found = [
    ...mail.text.matchAll(/https?:\/\/[^\s)]+\/api\/v1(\/public\/triage\/[A-Za-z0-9._-]+)/g),
  ].map((m) => m[1] ?? '');
  const [accept, decline] = found;
  if (!accept || !decline) throw new Error('no one-click links in the delivery mail');
  return { accept, decline };
}

export async function slotsUsed(h: ChatHarness, ambassador: TestAmbassador): Promise<number> {
  const rows = await h.ds.query<{ used: number }[]>(
    `SELECT coalesce(sum(used), 0)::int AS used FROM ambassador_capacity_weeks WHERE ambassador_id = $1`,
    [ambassador.id],
  );
  return rows[0]?.used ?? 0;
}

export async function mailsWithTemplate(
  h: ChatHarness,
  template: string,
  to?: string,
): Promise<number> {
  const rows = await h.ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM mail_messages WHERE template = $1 AND ($2::text IS NULL OR to_address = $2)`,
    [template, to ?? null],
  );
  return rows[0]?.n ?? 0;
}

export async function historyOf(
  h: ChatHarness,
  requestId: string,
): Promise<{ from: string | null; to: string; reason: string | null; actor: string }[]> {
  const rows = await h.ds.query<
    { from_status: string | null; to_status: string; reason: string | null; actor_type: string }[]
  >(
    `SELECT from_status, to_status, reason, actor_type FROM chat_request_history
      WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    actor: r.actor_type,
  }));
}

/** A request from `email` delivered to `ambassador` (screening passes the harness text). */
export async function deliveredTo(
  h: ChatHarness,
  ambassador: TestAmbassador,
  over: Record<string, unknown> = {},
): Promise<VerifiedRequest> {
  const verified = await h.submitAndVerify(
    'acme',
    h.requestBody({ ambassadorId: ambassador.id, ...over }),
  );
  if (verified.status !== 'delivered') {
    throw new Error(
      `expected delivered, got ${verified.status}: ${JSON.stringify(verified.screening)}`,
    );
  }
  return verified;
}

/**
 * The scheduled time of a chat arrives: its start moves a minute into the past (as if the clock had
 * moved on), so it may be completed or marked a no-show.
 */
export async function chatTimeCame(h: ChatHarness, requestId: string): Promise<void> {
  await h.ds.query(
    `UPDATE chat_requests SET starts_at = now() - interval '1 minute' WHERE id = $1 AND status = 'scheduled'`,
    [requestId],
  );
}
