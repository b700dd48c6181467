import type { QueueName } from '@peerline/contracts';
import type { OutboxQueue } from './queue-registry.service';
import type { Queryable } from './sql';

export interface QueueDepth {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  failed: number;
  completed: number;
}

/** Job counts per queue, for /readyz and /metrics. */
export async function getQueueDepths(
  queues: ReadonlyMap<QueueName, OutboxQueue>,
): Promise<QueueDepth[]> {
  return Promise.all(
    [...queues].map(async ([queue, q]) => {
      const c = await q.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
        'failed',
        'completed',
      );
      return {
        queue,
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        prioritized: c.prioritized ?? 0,
        failed: c.failed ?? 0,
        completed: c.completed ?? 0,
      };
    }),
  );
}

/** Jobs that used up their attempts (or were unrecoverable) and are still kept by BullMQ. */
export async function getFailedJobCount(
  queues: ReadonlyMap<QueueName, OutboxQueue>,
): Promise<number> {
  const counts = await Promise.all([...queues.values()].map((q) => q.getFailedCount()));
  return counts.reduce((a, b) => a + b, 0);
}

export interface OutboxLag {
  /** Age of the oldest due row the relay has not sent yet; 0 when there is none. */
  oldestUndispatchedSeconds: number;
  undispatched: number;
  /** Sent to BullMQ, not yet processed, not failed. */
  unprocessed: number;
  /** Failed for good (recorded by the worker or the relay). */
  failed: number;
}

/** How far the relay and the workers are behind, read from Postgres (the system of record). */
export async function getOutboxLag(db: Queryable): Promise<OutboxLag> {
  // Three subqueries so each one uses its partial index instead of scanning processed rows.
  const rows = await db.query<
    { oldest_seconds: number | null; undispatched: string; unprocessed: string; failed: string }[]
  >(
    `WITH due AS (
       SELECT available_at FROM outbox
        WHERE dispatched_at IS NULL AND processed_at IS NULL AND failed_at IS NULL AND available_at <= now()
     )
     SELECT
       (SELECT EXTRACT(EPOCH FROM now() - min(available_at))::float8 FROM due) AS oldest_seconds,
       (SELECT count(*) FROM due) AS undispatched,
       (SELECT count(*) FROM outbox
         WHERE processed_at IS NULL AND failed_at IS NULL AND dispatched_at IS NOT NULL) AS unprocessed,
       (SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL AND processed_at IS NULL) AS failed`,
  );
  const row = rows[0];
  return {
    oldestUndispatchedSeconds: Math.max(0, row?.oldest_seconds ?? 0),
    undispatched: Number(row?.undispatched ?? 0),
    unprocessed: Number(row?.unprocessed ?? 0),
    failed: Number(row?.failed ?? 0),
  };
}

/** Failed-for-good outbox rows per job name: which kind of work needs attention. */
export async function getFailedOutboxByJob(db: Queryable): Promise<{ job: string; n: number }[]> {
  const rows = await db.query<{ job_name: string; n: number }[]>(
    `SELECT job_name, count(*)::int AS n FROM outbox
      WHERE failed_at IS NOT NULL AND processed_at IS NULL
      GROUP BY job_name`,
  );
  return rows.map((r) => ({ job: r.job_name, n: r.n }));
}
