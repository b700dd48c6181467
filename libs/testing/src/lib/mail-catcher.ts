import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  /** The text/plain body, decoded. */
  text: string;
  raw: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
}

export interface MailCatcherOptions {
  /**
   * SMTP reply codes for successive messages at the end of DATA; the last one repeats.
   * [451, 250]: the first attempt is deferred, later ones accepted. [550]: always rejected.
   */
  replies?: number[];
  /** Holds each message this long before replying, to keep sends in flight. */
  delayMs?: number;
}

export interface MailCatcher {
  readonly port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  /** Accepted messages, oldest first. */
  readonly messages: readonly CaughtMail[];
  /** How many messages arrived at the end of DATA, accepted or not. */
  readonly attempts: number;
  waitFor(
    predicate: (messages: readonly CaughtMail[]) => boolean,
    timeoutMs?: number,
  ): Promise<readonly CaughtMail[]>;
  /** Changes the reply plan (see MailCatcherOptions.replies) and restarts it at the next message. */
  setReplies(replies: number[]): void;
  /** Changes how long each message is held before the reply. */
  setDelay(ms: number): void;
  /** Forgets the messages and the attempt count. */
  clear(): void;
  close(): Promise<void>;
}

const REPLY_TEXT: Record<number, string> = {
  421: 'Service not available, try again later',
  450: 'Mailbox unavailable, try again later',
  451: 'Local error in processing, try again later',
  452: 'Insufficient storage, try again later',
  550: 'Mailbox unavailable',
  552: 'Message too large',
  554: 'Transaction failed',
};

/** A local SMTP server for tests: 127.0.0.1, a random port, no TLS and no authentication. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  let replies: number[] = [250];
  let replyIndex = 0;
  const messages: CaughtMail[] = [];
  let attempts = 0;
  let delayMs = options.delayMs ?? 0;
  const setReplies = (codes: number[]): void => {
    replies = codes.length > 0 ? [...codes] : [250];
    replyIndex = 0;
  };
  setReplies(options.replies ?? []);

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    // A pooled client keeps its connection open; do not let close() wait 30 s for it.
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (delayMs > 0) setTimeout(finish, delayMs);
        else finish();
      });
      const finish = (): void => {
        const code = replies[Math.min(replyIndex, replies.length - 1)] ?? 250;
        replyIndex += 1;
        attempts += 1;
        if (code >= 400) {
          const err = new Error(REPLY_TEXT[code] ?? 'Rejected') as Error & { responseCode: number };
          err.responseCode = code;
          callback(err);
          return;
        }
        messages.push(parseMessage(Buffer.concat(chunks).toString('utf8'), session));
        callback(null);
      };
    },
  });
  server.on('error', () => undefined);

  const port = await new Promise<number>((resolve, reject) => {
    const listener = server.listen(0, '127.0.0.1', () =>
      resolve((listener.address() as AddressInfo).port),
    );
    listener.once('error', reject);
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    get messages() {
      return messages;
    },
    get attempts() {
      return attempts;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline) {
          throw new Error(
            `mail catcher: condition not met within ${timeoutMs} ms (${messages.length} messages)`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    setReplies,
    setDelay(ms) {
      delayMs = ms;
    },
    clear() {
      messages.length = 0;
      attempts = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseMessage(raw: string, session: SMTPServerSession): CaughtMail {
  const { headers, body } = splitHeaders(raw);
  const from = decodeWords(
    headers.get('from') ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
  );
  return {
    from,
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: textPart(headers, body),
    raw,
    messageId: headers.get('message-id') ?? '',
  };
}

/** Headers (lower-cased names, folded lines joined) and the body after the blank line. */
function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The first text/plain part, following multipart boundaries as deep as needed. */
function textPart(headers: Map<string, string>, body: string): string {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const inner = splitHeaders(part.replace(/^\r?\n/, ''));
      const text = textPart(inner.headers, inner.body.replace(/\r?\n$/, ''));
      if (text) return text;
    }
    return '';
  }
  if (!/^text\/plain/i.test(contentType)) return '';
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1];
  return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit', charset).replace(
    /\r\n/g,
    '\n',
  );
}

function decodeBody(body: string, encoding: string, charset = 'utf-8'): string {
  const enc = encoding.toLowerCase();
  const decoder = new TextDecoder(charset);
  if (enc === 'base64') return decoder.decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  if (enc === 'quoted-printable') return decoder.decode(decodeQuotedPrintable(body));
  return body;
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i];
    const hex = soft.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes them. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, charset: string, kind: string, data: string) => {
        const decoder = new TextDecoder(charset);
        if (kind.toUpperCase() === 'B') return decoder.decode(Buffer.from(data, 'base64'));
        return decoder.decode(decodeQuotedPrintable(data.replace(/_/g, ' ')));
      },
    );
}
