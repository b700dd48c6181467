import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import type { JobPayloads } from '@peerline/contracts';
import { ProcessesJob, RetryLaterError, type JobContext, type JobProcessor } from '@peerline/queue';
import { MailMessageRepository } from '../mail-message.repository';
import { MAIL_TRANSPORT, type MailTransport } from '../mail-transport';
import { describeSmtpError, SmtpDeliveryError } from '../smtp-error';

/**
 * The default of MAIL_SEND_LEASE_SECONDS: how long a claim protects a message being sent. It must
 * outlast one send (the transport's timeouts add up to well under a minute).
 */
export const MAIL_SEND_LEASE_SECONDS = 120;

/**
 * Thrown while another worker holds the claim. The job waits a quarter of the lease and looks
 * again, without spending an attempt: by then the message is sent, or its claim has run out
 * (the holder died) and this run takes it over.
 */
export class MailSendInProgressError extends RetryLaterError {
  constructor(leaseSeconds: number) {
    super(Math.max(1000, (leaseSeconds * 1000) / 4), 'message is being sent by another worker');
    this.name = 'MailSendInProgressError';
  }
}

/**
 * Sends one mail_messages row. Exactly one SMTP send per message as long as workers live: the
 * conditional claim lets a single caller through, a 'sent' row makes every later run a no-op.
 * The one gap SMTP leaves (a worker dies after the server accepted the message but before the row
 * says sent) is covered by the Message-ID, which stays the same on every attempt so receivers can
 * drop the duplicate.
 */
@Injectable()
@ProcessesJob('mail.send')
export class MailSendProcessor implements JobProcessor<'mail.send'> {
  private readonly logger = new Logger(MailSendProcessor.name);
  private readonly from: string;
  private readonly messageIdDomain: string;
  private readonly leaseSeconds: number;

  constructor(
    private readonly messages: MailMessageRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'MAIL_FROM' | 'MAIL_SEND_LEASE_SECONDS'>,
  ) {
    this.from = config.MAIL_FROM;
    this.messageIdDomain = domainOf(config.MAIL_FROM);
    this.leaseSeconds = config.MAIL_SEND_LEASE_SECONDS;
  }

  async handle({ messageId }: JobPayloads['mail.send'], ctx: JobContext): Promise<void> {
    const claim = await this.messages.claim(messageId, this.leaseSeconds);
    if (!claim) {
      const status = await this.messages.findStatus(messageId);
      if (status === null) throw new UnrecoverableError('mail message does not exist');
      if (status === 'purged') throw new UnrecoverableError('mail message was purged by retention');
      if (status === 'sent') {
        this.logger.debug(`mail ${messageId} already sent; job ${ctx.jobId} has nothing to do`);
        return;
      }
      throw new MailSendInProgressError(this.leaseSeconds);
    }

    try {
      await this.transport.send({
        from: this.from,
        to: claim.to,
        subject: claim.subject,
        text: claim.text,
        html: claim.html,
        messageId: this.rfcMessageId(messageId),
        calendar: claim.calendar,
        headers: claim.headers,
      });
    } catch (err) {
      const failure = describeSmtpError(err);
      await this.messages.markFailed(messageId, claim.attempt, failure.summary);
      this.logger.warn(`mail ${messageId} attempt ${claim.attempt} failed: ${failure.summary}`);
      throw new SmtpDeliveryError(failure);
    }

    const { sent, outboxMarked } = await this.messages.markSent(
      messageId,
      claim.attempt,
      ctx.outboxId,
    );
    if (outboxMarked) ctx.markedProcessed();
    if (!sent) {
      // Our claim outlived its lease and another worker took over: it may send a second copy with
      // the same Message-ID. Rare, and exactly what the stable Message-ID is for.
      this.logger.warn(`mail ${messageId} sent after its claim expired`);
    }
    this.logger.log(`mail ${messageId} sent (attempt ${claim.attempt})`);
  }

  /** Stable per message, so every attempt carries the same Message-ID. */
  rfcMessageId(messageId: string): string {
    return `<${messageId}@${this.messageIdDomain}>`;
  }
}

function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'peerline.local';
}
