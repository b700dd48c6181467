import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@peerline/queue';
import {
  validateMailCalendar,
  validateMailHeaders,
  type MailCalendar,
  type MailHeaders,
} from './mail-extras';
import { MailMessageRepository } from './mail-message.repository';

export interface QueueMailInput {
  organizationId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Which template produced the message (for support and digests), e.g. 'identity.invite'. */
  template: string;
  /** Unique across all organizations: prefix it with what makes the mail unique, e.g. `invite:<id>`. */
  idempotencyKey: string;
  /**
   * An invite or a cancellation (e.g. from buildChatInvite): sent as a `text/calendar; method=…`
   * part, so mail clients show it as an invitation, and as the attachment invite.ics.
   */
  calendar?: MailCalendar | null;
  /** Only List-Unsubscribe and List-Unsubscribe-Post; anything else is refused. */
  headers?: MailHeaders;
}

export interface QueuedMail {
  messageId: string;
  /** False when the idempotency key had been used: the earlier message stands, nothing new is sent. */
  queued: boolean;
}

const ADDRESS = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/;

/** Queues e-mail inside the caller's transaction; the worker sends it after the commit. */
@Injectable()
export class MailService {
  constructor(
    private readonly messages: MailMessageRepository,
    private readonly outbox: OutboxService,
  ) {}

  async queueMail(tx: EntityManager, input: QueueMailInput): Promise<QueuedMail> {
    validate(input);
    const organizationId = input.organizationId ?? null;
    const messageId = await this.messages.insertIfAbsent(tx, {
      organizationId,
      to: input.to,
      subject: input.subject,
      text: input.text,
      html: input.html ?? null,
      template: input.template,
      idempotencyKey: input.idempotencyKey,
      calendar: input.calendar ?? null,
      headers: input.headers ?? {},
    });
    if (messageId === null) {
      const existing = await this.messages.findIdByIdempotencyKey(tx, input.idempotencyKey);
      if (existing === null) throw new Error('mail idempotency key conflict without a row');
      return { messageId: existing, queued: false };
    }
    await this.outbox.enqueue(tx, 'mail.send', { messageId }, `mail.send:${messageId}`, {
      organizationId,
    });
    return { messageId, queued: true };
  }
}

// Programming errors, not user input errors: callers validate addresses before they get here.
function validate(input: QueueMailInput): void {
  if (input.to.length > 320 || !ADDRESS.test(input.to))
    throw new Error('queueMail: invalid recipient address');
  if (/[\r\n]/.test(input.subject) || input.subject.length === 0 || input.subject.length > 900) {
    throw new Error('queueMail: subject must be one line of 1 to 900 characters');
  }
  if (input.template.length === 0 || input.template.length > 100)
    throw new Error('queueMail: invalid template name');
  if (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 400) {
    throw new Error('queueMail: idempotency key must have 1 to 400 characters');
  }
  if (input.calendar) validateMailCalendar(input.calendar);
  if (input.headers) validateMailHeaders(input.headers);
}
