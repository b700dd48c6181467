/** What a queued mail may carry besides its bodies: a calendar part and a few list headers. */

export const MAIL_CALENDAR_METHODS = ['REQUEST', 'CANCEL'] as const;
export type MailCalendarMethod = (typeof MAIL_CALENDAR_METHODS)[number];

/** An iCalendar object (e.g. from buildChatInvite), sent as an invite part and as invite.ics. */
export interface MailCalendar {
  method: MailCalendarMethod;
  /** RFC 5545 text whose METHOD equals `method`. */
  content: string;
}

/**
 * The only headers a caller may set. Anything else (From, Reply-To, Bcc, …) would let a caller
 * change who the mail seems to come from or where it also goes.
 */
export const MAIL_HEADER_NAMES = ['List-Unsubscribe', 'List-Unsubscribe-Post'] as const;
export type MailHeaderName = (typeof MAIL_HEADER_NAMES)[number];
export type MailHeaders = Partial<Record<MailHeaderName, string>>;

/** Limits shared with the CHECK constraints of migration 1764400000000. */
export const MAIL_CALENDAR_MAX_BYTES = 64 * 1024;
export const MAIL_HEADER_VALUE_MAX = 1000;

/** RFC 8058: the only body a one-click unsubscribe POST carries. */
const ONE_CLICK = 'List-Unsubscribe=One-Click';
/** One or more `<uri>` separated by commas (RFC 2369); http(s) pages and mailto only. */
const LIST_UNSUBSCRIBE =
  /^<(?:https?:\/\/|mailto:)[^<>\s]+>(?:, ?<(?:https?:\/\/|mailto:)[^<>\s]+>)*$/i;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function isHeaderName(name: string): name is MailHeaderName {
  return (MAIL_HEADER_NAMES as readonly string[]).includes(name);
}

// Programming errors, not user input errors: the messages say which rule, never the value.
export function validateMailCalendar(calendar: MailCalendar): void {
  if (!(MAIL_CALENDAR_METHODS as readonly string[]).includes(calendar.method)) {
    throw new Error('queueMail: calendar method must be REQUEST or CANCEL');
  }
  if (typeof calendar.content !== 'string' || !calendar.content.startsWith('BEGIN:VCALENDAR')) {
    throw new Error('queueMail: calendar content must be an iCalendar object');
  }
  if (Buffer.byteLength(calendar.content, 'utf8') > MAIL_CALENDAR_MAX_BYTES) {
    throw new Error(`queueMail: calendar content is larger than ${MAIL_CALENDAR_MAX_BYTES} bytes`);
  }
  // The MIME part's method and the object's METHOD must agree, or Outlook ignores the invite.
  const method = /^METHOD:([A-Z-]+)\r?$/m.exec(calendar.content)?.[1];
  if (method !== calendar.method) {
    throw new Error('queueMail: calendar METHOD does not match the given method');
  }
}

export function validateMailHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!isHeaderName(name)) throw new Error(`queueMail: header ${name} is not allowed`);
    if (typeof value !== 'string' || value.length > MAIL_HEADER_VALUE_MAX) {
      throw new Error(
        `queueMail: header ${name} must be a string of at most ${MAIL_HEADER_VALUE_MAX} characters`,
      );
    }
    if (!PRINTABLE_ASCII.test(value)) {
      throw new Error(`queueMail: header ${name} must be one line of printable ASCII`);
    }
  }
  const unsubscribe = headers['List-Unsubscribe'];
  if (unsubscribe !== undefined && !LIST_UNSUBSCRIBE.test(unsubscribe)) {
    throw new Error('queueMail: List-Unsubscribe must be <http(s)://…> or <mailto:…> URIs');
  }
  const post = headers['List-Unsubscribe-Post'];
  if (post !== undefined) {
    // RFC 8058: one-click needs an https URI to POST to, and this exact body.
    if (post !== ONE_CLICK) {
      throw new Error(`queueMail: List-Unsubscribe-Post must be "${ONE_CLICK}"`);
    }
    if (!unsubscribe || !/<https:\/\//i.test(unsubscribe)) {
      throw new Error('queueMail: List-Unsubscribe-Post needs an https List-Unsubscribe URI');
    }
  }
}

/** A calendar read back from mail_messages; null for anything that is not one. */
export function readMailCalendar(value: unknown): MailCalendar | null {
  if (typeof value !== 'object' || value === null) return null;
  const { method, content } = value as Record<string, unknown>;
  if (typeof content !== 'string') return null;
  if (method !== 'REQUEST' && method !== 'CANCEL') return null;
  return { method, content };
}

/**
 * Headers read back from mail_messages, allowed names and one-line values only: the row was
 * validated when it was queued, this keeps a hand-edited row from injecting headers.
 */
export function readMailHeaders(value: unknown): MailHeaders {
  const out: MailHeaders = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (isHeaderName(name) && typeof v === 'string' && PRINTABLE_ASCII.test(v)) out[name] = v;
  }
  return out;
}
