import { Injectable, Logger } from '@nestjs/common';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { DeliveryService } from '../delivery.service';

const BATCH = 200;

/**
 * Requests that passed but found no slot wait for the next ISO week; this tick delivers the ones
 * whose week has come (or routes them, with consent). Each request is locked with SKIP LOCKED in
 * its own transaction and its slot reserved under the request id, so overlapping ticks cannot
 * deliver twice.
 */
@Injectable()
@RunsOnSchedule('chat-requests.retry-waiting')
export class RetryWaitingProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(RetryWaitingProcessor.name);

  constructor(private readonly delivery: DeliveryService) {}

  async run(): Promise<void> {
    for (;;) {
      const { delivered, stillWaiting } = await this.delivery.retryWaiting(BATCH);
      if (delivered > 0) this.logger.log(`delivered ${delivered} waiting chat requests`);
      // Requests still without a slot moved to next week; stop when nothing more came due.
      if (delivered + stillWaiting < BATCH) return;
    }
  }
}
