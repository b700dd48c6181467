import { JOB_NAMES, JOB_QUEUE, type QueueName } from '@peerline/contracts';
import { isRecord, isUuid } from './job-payload.validators';
import type { OutboxQueue } from './queue-registry.service';
import { execUpdate, type Queryable } from './sql';

export interface FailedJobSummary {
  queue: QueueName;
  id: string;
  name: string;
  /** Already a log-safe summary: processors throw errors without addresses or bodies. */
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** The newest failed jobs of each queue, for /readyz details. */
export async function getRecentFailedJobs(
  queues: ReadonlyMap<QueueName, OutboxQueue>,
  perQueue = 5,
): Promise<FailedJobSummary[]> {
  const lists = await Promise.all(
    [...queues].map(async ([queue, q]) => {
      const jobs = await q.getFailed(0, perQueue - 1);
      return jobs.map((job): FailedJobSummary => ({
        queue,
        id: job.id ?? '?',
        name: job.name,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      }));
    }),
  );
  return lists.flat();
}

export interface RetryFailedResult {
  /** Failed jobs still kept by BullMQ, moved back to waiting with fresh attempts. */
  retried: number;
  /** Outbox rows failed for good whose job BullMQ no longer keeps: handed back to the relay. */
  redriven: number;
}

const PAGE = 500;

/**
 * Re-drives failed work of one queue or of all. The outbox rows are cleared first, so neither the
 * relay nor the worker treats a retried job as failed for good; the processors' own claims keep
 * a retried job from repeating an effect that did happen.
 */
export async function retryFailedJobs(
  queues: ReadonlyMap<QueueName, OutboxQueue>,
  db: Queryable,
  options: { queue?: QueueName } = {},
): Promise<RetryFailedResult> {
  const selected = [...queues].filter(([name]) => !options.queue || options.queue === name);
  let retried = 0;
  for (const [, q] of selected) {
    const total = await q.getFailedCount();
    for (let seen = 0; seen < total;) {
      const jobs = await q.getFailed(0, PAGE - 1);
      if (jobs.length === 0) break;
      seen += jobs.length;
      const outboxIds = jobs
        .map((j) => (isRecord(j.data) ? j.data['outboxId'] : undefined))
        .filter(isUuid);
      if (outboxIds.length > 0) {
        await db.query(
          `UPDATE outbox SET failed_at = NULL, last_error = NULL, dispatched_at = now()
            WHERE id = ANY($1::uuid[]) AND processed_at IS NULL`,
          [outboxIds],
        );
      }
      for (const job of jobs) {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        retried += 1;
      }
    }
  }
  const jobNames = JOB_NAMES.filter((j) => selected.some(([name]) => JOB_QUEUE[j] === name));
  // Whatever is still marked failed has no failed job left in Redis: the relay adds it again.
  const { count: redriven } = await execUpdate(
    db,
    `UPDATE outbox SET failed_at = NULL, last_error = NULL, dispatched_at = NULL
      WHERE failed_at IS NOT NULL AND processed_at IS NULL AND job_name = ANY($1::text[])
      RETURNING id`,
    [jobNames],
  );
  return { retried, redriven };
}
