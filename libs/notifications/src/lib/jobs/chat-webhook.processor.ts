import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import type { JobPayloads } from '@peerline/contracts';
import { ProcessesJob, RetryLaterError, type JobContext, type JobProcessor } from '@peerline/queue';
import { ChatWebhookRepository } from '../chat-webhook.repository';
import { SecretBox } from '@peerline/config';

export const CHAT_WEBHOOK_SECRETS = Symbol('CHAT_WEBHOOK_SECRETS');

/** Longer than one POST with its timeout; a dead sender's claim is taken over after it. */
const LEASE_SECONDS = 120;

/** Thrown for a retryable failure; the message names the status or network code, never the URL. */
export class ChatWebhookError extends Error {
  constructor(summary: string) {
    super(summary);
    this.name = 'ChatWebhookError';
  }
}

/** A 4xx other than 408/429 will not change on retry: the URL is wrong or revoked. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** fetch's errors can quote the URL (which is the secret): keep the error code only. */
function networkSummary(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `chat webhook: ${cause.code}`;
  if (err instanceof Error && err.name === 'TimeoutError') return 'chat webhook: timeout';
  return 'chat webhook: network error';
}

/** POSTs one Slack-compatible message to the organization's webhook, once. */
@Injectable()
@ProcessesJob('notification.webhook')
export class ChatWebhookProcessor implements JobProcessor<'notification.webhook'> {
  private readonly logger = new Logger(ChatWebhookProcessor.name);

  constructor(
    private readonly deliveries: ChatWebhookRepository,
    private readonly dataSource: DataSource,
    @Inject(CHAT_WEBHOOK_SECRETS) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'CHAT_WEBHOOK_TIMEOUT_MS'>,
  ) {}

  async handle(
    { deliveryId }: JobPayloads['notification.webhook'],
    ctx: JobContext,
  ): Promise<void> {
    const claim = await this.deliveries.claim(deliveryId, LEASE_SECONDS);
    if (!claim) {
      const status = await this.deliveries.findStatus(deliveryId);
      if (status === null) throw new UnrecoverableError('chat webhook delivery does not exist');
      if (status === 'sent' || status === 'skipped') return;
      throw new RetryLaterError(
        (LEASE_SECONDS * 1000) / 4,
        'delivery is being sent by another worker',
      );
    }
    const sealed = await this.deliveries.findEncryptedUrl(
      this.dataSource.manager,
      claim.organizationId,
    );
    if (sealed === null) {
      // Removed since the notification was recorded: the admin turned the channel off.
      await this.deliveries.finish(deliveryId, claim.attempt, 'skipped', null);
      return;
    }
    let url: string;
    try {
      url = this.secrets.open(sealed);
    } catch {
      await this.deliveries.finish(
        deliveryId,
        claim.attempt,
        'failed',
        'cannot decrypt webhook URL',
      );
      throw new UnrecoverableError('cannot decrypt the chat webhook URL (ENCRYPTION_KEY changed?)');
    }

    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claim.message),
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.CHAT_WEBHOOK_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      const summary = networkSummary(err);
      await this.deliveries.finish(deliveryId, claim.attempt, 'failed', summary);
      throw new ChatWebhookError(summary);
    }
    if (status >= 200 && status < 300) {
      await this.deliveries.finish(deliveryId, claim.attempt, 'sent', null);
      this.logger.log(`chat webhook delivery ${deliveryId} sent (job ${ctx.jobId})`);
      return;
    }
    const summary = `chat webhook answered HTTP ${status}`;
    await this.deliveries.finish(deliveryId, claim.attempt, 'failed', summary);
    if (isPermanent(status)) throw new UnrecoverableError(summary);
    throw new ChatWebhookError(summary);
  }
}
