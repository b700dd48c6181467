import { Injectable, Logger } from '@nestjs/common';
import { inTransaction } from '@peerline/db';
import { RunsOnSchedule, type ScheduledJobHandler } from '@peerline/queue';
import { DataSource } from 'typeorm';
import { ChatRequestsRepository } from '../chat-requests.repository';

const BATCH = 500;
const MAX_ORGANIZATIONS = 200;

/**
 * Unverified requests expire 48 h after intake (PRODUCT.md §2). verify() refuses an old link by
 * itself; this sweep makes the state say so. Batches skip rows a verify holds; a repeated or
 * overlapping tick finds nothing left to do.
 */
@Injectable()
@RunsOnSchedule('chat-requests.expire-unverified')
export class ExpireUnverifiedProcessor implements ScheduledJobHandler {
  private readonly logger = new Logger(ExpireUnverifiedProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
  ) {}

  async run(): Promise<void> {
    let expired = 0;
    const organizations = await this.requests.organizationsWithExpiredVerifications(
      this.dataSource.manager,
      MAX_ORGANIZATIONS,
    );
    for (const organizationId of organizations) {
      for (;;) {
        const n = await inTransaction(this.dataSource, (tx) =>
          this.requests.expireUnverified(tx, organizationId, BATCH),
        );
        expired += n;
        if (n < BATCH) break;
      }
    }
    if (expired > 0) this.logger.log(`expired ${expired} unverified chat requests`);
  }
}
