import { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { RetryLaterError, type JobContext } from '@peerline/queue';
import type { MailCalendar, MailHeaders } from '../mail-extras';
import type { ClaimedMail, MailMessageRepository } from '../mail-message.repository';
import type { MailStatus } from '../mail-message.entity';
import type { MailTransport, OutgoingMail } from '../mail-transport';
import { SmtpDeliveryError } from '../smtp-error';
import {
  MAIL_SEND_LEASE_SECONDS,
  MailSendInProgressError,
  MailSendProcessor,
} from './mail-send.processor';

const ID = '3e0a8f4c-2b1d-4e5f-9a6b-7c8d9e0f1a2b';

/** In-memory stand-in for the repository: the same status rules, no database. */
class FakeMessages {
  status: MailStatus | null = 'pending';
  attempts = 0;
  lastError: string | null = null;
  leases: number[] = [];
  calendar: MailCalendar | null = null;
  headers: MailHeaders = {};

  claim(_id: string, leaseSeconds: number): Promise<ClaimedMail | null> {
    this.leases.push(leaseSeconds);
    if (this.status !== 'pending' && this.status !== 'failed') return Promise.resolve(null);
    this.status = 'sending';
    this.attempts += 1;
    return Promise.resolve({
      id: ID,
      to: 'ada@example.com',
      subject: 'Hi',
      text: 'Hello',
      html: null,
      calendar: this.calendar,
      headers: this.headers,
      attempt: this.attempts,
    });
  }
  findStatus(): Promise<MailStatus | 'purged' | null> {
    return Promise.resolve(this.status);
  }
  markSent(_id: string, attempt: number): Promise<{ sent: boolean; outboxMarked: boolean }> {
    const ok = this.status === 'sending' && attempt === this.attempts;
    if (ok) this.status = 'sent';
    return Promise.resolve({ sent: ok, outboxMarked: ok });
  }
  markFailed(_id: string, attempt: number, error: string): Promise<boolean> {
    const ok = this.status === 'sending' && attempt === this.attempts;
    if (ok) {
      this.status = 'failed';
      this.lastError = error;
    }
    return Promise.resolve(ok);
  }
}

class FakeTransport implements MailTransport {
  sent: OutgoingMail[] = [];
  failWith: Error | undefined;
  send(mail: OutgoingMail): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push(mail);
    return Promise.resolve();
  }
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const ctx: JobContext = {
  jobId: 'job-1',
  outboxId: ID,
  organizationId: null,
  correlationId: 'c-1',
  attempt: 1,
  maxAttempts: 3,
  markProcessed: () => Promise.resolve(),
  markedProcessed: () => undefined,
};

describe('MailSendProcessor', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let messages: FakeMessages;
  let transport: FakeTransport;
  let processor: MailSendProcessor;

  beforeEach(() => {
    messages = new FakeMessages();
    transport = new FakeTransport();
    processor = new MailSendProcessor(messages as unknown as MailMessageRepository, transport, {
      MAIL_FROM: 'Peerline <no-reply@mail.peerline.test>',
      MAIL_SEND_LEASE_SECONDS,
    });
  });

  it('sends a pending message with a Message-ID derived from its id, then marks it sent', async () => {
    await processor.handle({ messageId: ID }, ctx);
    expect(transport.sent).toEqual([
      {
        from: 'Peerline <no-reply@mail.peerline.test>',
        to: 'ada@example.com',
        subject: 'Hi',
        text: 'Hello',
        html: null,
        messageId: `<${ID}@mail.peerline.test>`,
        calendar: null,
        headers: {},
      },
    ]);
    expect(messages.status).toBe('sent');
    expect(messages.leases).toEqual([MAIL_SEND_LEASE_SECONDS]);
  });

  it('hands the stored calendar part and headers to the transport', async () => {
    messages.calendar = { method: 'CANCEL', content: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n' };
    messages.headers = { 'List-Unsubscribe': '<https://peerline.test/settings/notifications>' };
    await processor.handle({ messageId: ID }, ctx);
    expect(transport.sent[0]).toMatchObject({
      calendar: { method: 'CANCEL', content: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n' },
      headers: { 'List-Unsubscribe': '<https://peerline.test/settings/notifications>' },
    });
  });

  it('does nothing when the message was already sent', async () => {
    messages.status = 'sent';
    await processor.handle({ messageId: ID }, ctx);
    expect(transport.sent).toHaveLength(0);
  });

  it('asks to run again later, without spending an attempt, while another worker holds the claim', async () => {
    messages.status = 'sending';
    const error: unknown = await processor.handle({ messageId: ID }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendInProgressError);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBe((MAIL_SEND_LEASE_SECONDS * 1000) / 4);
    expect(transport.sent).toHaveLength(0);
  });

  it('gives up at once on a message that does not exist', async () => {
    messages.status = null;
    await expect(processor.handle({ messageId: ID }, ctx)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });

  it('records a failed attempt without the address and rethrows for a retry', async () => {
    transport.failWith = Object.assign(new Error('550 <ada@example.com> unknown'), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
    });
    const error: unknown = await processor.handle({ messageId: ID }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpDeliveryError);
    expect((error as Error).message).toBe('SMTP EENVELOPE 550 RCPT');
    expect(messages).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'SMTP EENVELOPE 550 RCPT',
    });

    transport.failWith = undefined;
    await processor.handle({ messageId: ID }, { ...ctx, attempt: 2 });
    expect(messages).toMatchObject({ status: 'sent', attempts: 2 });
    expect(transport.sent).toHaveLength(1);
  });
});
