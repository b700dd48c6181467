import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { AppConfig } from '@peerline/config';
import { readMailHeaders, type MailCalendar, type MailHeaders } from './mail-extras';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** The RFC 5322 Message-ID, angle brackets included. */
  messageId: string;
  calendar?: MailCalendar | null;
  /** Allow-listed by MailService when queued and again when read back. */
  headers?: MailHeaders;
}

/** The name of the calendar attachment; clients also show the part as an invitation. */
export const CALENDAR_FILENAME = 'invite.ics';

/** Our message as nodemailer's options: plain data, so it can be checked without a server. */
export function toSendMailOptions(mail: OutgoingMail): SendMailOptions {
  // Checked when queued and when read back; once more here, as this is where headers are written.
  const headers = Object.entries(readMailHeaders(mail.headers));
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    messageId: mail.messageId,
    ...(headers.length > 0 ? { headers: Object.fromEntries(headers) } : {}),
    // nodemailer writes it twice: a `text/calendar; method=…` alternative, which Gmail, Outlook
    // and Apple Mail show as an invitation with answer buttons, and an application/ics attachment
    // for clients that only offer files.
    ...(mail.calendar
      ? {
          icalEvent: {
            method: mail.calendar.method,
            filename: CALENDAR_FILENAME,
            content: mail.calendar.content,
          },
        }
      : {}),
  };
}

/** The port the mail processor sends through; tests may swap it, production uses SMTP. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Pool options from SMTP_URL (smtp://user:pass@host:port or smtps://…). Timeouts are bounded so
 * one attempt always ends well inside the send lease of the mail processor.
 */
export function smtpPoolOptions(smtpUrl: string, poolSize = 5): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: poolSize,
    maxMessages: 100,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logger would print envelopes (addresses); ours logs ids only.
    logger: false,
    debug: false,
  };
}

export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

  constructor(config: Pick<AppConfig, 'SMTP_URL'> & Partial<Pick<AppConfig, 'SMTP_POOL_SIZE'>>) {
    this.transporter = createTransport(smtpPoolOptions(config.SMTP_URL, config.SMTP_POOL_SIZE));
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(toSendMailOptions(mail));
  }

  close(): void {
    this.transporter.close();
  }
}
