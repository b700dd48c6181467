import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobPayloads } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { ProcessesJob, type JobContext, type JobProcessor } from './job-processor';

/**
 * Records one probe_effects row per (probeId, seq). The primary key makes a second run a no-op,
 * which is what the outbox crash tests count on; the mark commits with the effect.
 */
@Injectable()
@ProcessesJob('system.probe')
export class SystemProbeProcessor implements JobProcessor<'system.probe'> {
  constructor(private readonly dataSource: DataSource) {}

  async handle(payload: JobPayloads['system.probe'], ctx: JobContext): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      await tx.query(
        `INSERT INTO probe_effects (probe_id, seq) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [payload.probeId, payload.seq],
      );
      await ctx.markProcessed(tx);
    });
  }
}
