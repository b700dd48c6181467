import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { JobState } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import {
  isJobName,
  JOB_QUEUE,
  type JobName,
  type JobPayloads,
  type QueueName,
} from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { summarizeError } from './error-summary';
import type { OutboxJobData } from './job-data';
import { JobMetrics } from './job-metrics';
import { QueueRegistry } from './queue-registry.service';

export type RelayConfig = Pick<
  AppConfig,
  'OUTBOX_POLL_MS' | 'OUTBOX_BATCH_SIZE' | 'OUTBOX_REDISPATCH_AFTER_SECONDS'
>;

interface OutboxRow {
  id: string;
  job_name: string;
  payload: unknown;
  correlation_id: string | null;
  organization_id: string | null;
}

interface BulkJob {
  name: JobName;
  data: OutboxJobData;
  opts: { jobId: string };
}

export interface RedispatchResult {
  /** Lost from Redis and added again. */
  redispatched: number;
  /** Still waiting, delayed or running in Redis. */
  inFlight: number;
  /** Found failed in Redis: recorded on the outbox row. */
  failed: number;
  /** Found completed in Redis: recorded as processed. */
  completed: number;
}

const UNKNOWN_JOB = 'unknown job name: no queue to send it to';

/**
 * Moves committed outbox rows into BullMQ. At-least-once by construction: rows are added with
 * jobId = outbox id and marked dispatched in the same database transaction, so a crash between
 * the add and the commit only leads to a second add of the same id, which BullMQ ignores.
 */
/** Rows waiting for their first dispatch: what a poll looks for. */
const DUE = `dispatched_at IS NULL AND processed_at IS NULL AND failed_at IS NULL
  AND available_at <= now()`;

@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sweepEveryMs: number;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private nextSweepAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: RelayConfig,
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Optional() private readonly metrics?: JobMetrics,
  ) {
    // Checking twice per threshold keeps a lost job's delay under 1.5× the threshold.
    this.sweepEveryMs = Math.max(1000, (config.OUTBOX_REDISPATCH_AFTER_SECONDS * 1000) / 2);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
    this.logger.log('outbox relay started');
  }

  /** Stops polling and waits for the batch in progress to commit or roll back. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Sends one batch of due rows to BullMQ; returns how many rows it took. */
  async dispatchOnce(): Promise<number> {
    // Most polls find nothing: one plain read says so, where the locking path costs three round
    // trips (BEGIN, SELECT … FOR UPDATE, COMMIT) at every poll of every worker.
    if (!(await this.anyDue())) return 0;
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await tx.query<OutboxRow[]>(
        `SELECT id, job_name, payload, correlation_id, organization_id
           FROM outbox
          WHERE ${DUE}
          ORDER BY created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.config.OUTBOX_BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const { byQueue, unknown } = this.toJobs(rows);
      await this.addAll(byQueue);
      await this.markUnknown(tx, unknown);
      const sent = [...byQueue.values()].flat().map((j) => j.opts.jobId);
      if (sent.length > 0) {
        await tx.query(
          `UPDATE outbox SET dispatched_at = now(), dispatch_count = dispatch_count + 1 WHERE id = ANY($1::uuid[])`,
          [sent],
        );
      }
      return rows.length;
    });
  }

  private async anyDue(): Promise<boolean> {
    const rows = await this.dataSource.query<{ due: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM outbox WHERE ${DUE}) AS due`,
    );
    return rows[0]?.due === true;
  }

  /**
   * Finds rows dispatched a while ago and still unprocessed, and asks Redis about each: a job that
   * no longer exists (Redis restarted empty, a flush, an eviction) is added again. Rows whose job
   * is still queued get a fresh dispatched_at, so the next sweep looks at other rows first.
   */
  async redispatchOnce(): Promise<RedispatchResult> {
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await tx.query<OutboxRow[]>(
        `SELECT id, job_name, payload, correlation_id, organization_id
           FROM outbox
          WHERE processed_at IS NULL AND failed_at IS NULL AND dispatched_at IS NOT NULL
            AND dispatched_at < now() - make_interval(secs => $1)
          ORDER BY dispatched_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [this.config.OUTBOX_REDISPATCH_AFTER_SECONDS, this.config.OUTBOX_BATCH_SIZE],
      );
      const result: RedispatchResult = { redispatched: 0, inFlight: 0, failed: 0, completed: 0 };
      if (rows.length === 0) return result;
      if (rows.length >= this.config.OUTBOX_BATCH_SIZE) this.nextSweepAt = 0;

      const { byQueue, unknown } = this.toJobs(rows);
      await this.markUnknown(tx, unknown);
      const missing = new Map<QueueName, BulkJob[]>();
      const touched: string[] = [];
      const completed: string[] = [];
      const failed: { id: string; reason: string }[] = [];

      for (const [queueName, jobs] of byQueue) {
        const queue = this.queues.get(queueName);
        const states = await Promise.all(
          jobs.map(async (job) => [job, await queue.getJobState(job.opts.jobId)] as const),
        );
        for (const [job, state] of states) {
          switch (classify(state)) {
            case 'missing':
              missing.set(queueName, [...(missing.get(queueName) ?? []), job]);
              break;
            case 'failed': {
              const found = await queue.getJob(job.opts.jobId);
              failed.push({
                id: job.opts.jobId,
                reason: summarizeError(found?.failedReason ?? 'failed in BullMQ'),
              });
              break;
            }
            case 'completed':
              completed.push(job.opts.jobId);
              break;
            case 'in-flight':
              touched.push(job.opts.jobId);
              break;
          }
        }
      }

      await this.addAll(missing);
      const redispatched = [...missing.values()].flat().map((j) => j.opts.jobId);
      if (redispatched.length > 0) {
        await tx.query(
          `UPDATE outbox SET dispatched_at = now(), dispatch_count = dispatch_count + 1 WHERE id = ANY($1::uuid[])`,
          [redispatched],
        );
        this.logger.warn(
          `re-dispatched ${redispatched.length} outbox rows whose jobs were missing from Redis`,
        );
      }
      if (touched.length > 0) {
        await tx.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
          touched,
        ]);
      }
      if (completed.length > 0) {
        await tx.query(
          `UPDATE outbox SET processed_at = now() WHERE id = ANY($1::uuid[]) AND processed_at IS NULL`,
          [completed],
        );
      }
      for (const f of failed) {
        await tx.query(
          `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND failed_at IS NULL`,
          [f.id, f.reason],
        );
      }
      result.redispatched = redispatched.length;
      result.inFlight = touched.length;
      result.completed = completed.length;
      result.failed = failed.length;
      return result;
    });
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.tick().then((nextDelay) => {
        this.inFlight = undefined;
        if (this.running) this.schedule(nextDelay);
      });
    }, delayMs);
  }

  /** One round; never throws, returns the delay before the next round. */
  private async tick(): Promise<number> {
    try {
      const dispatched = await this.dispatchOnce();
      if (Date.now() >= this.nextSweepAt) {
        this.nextSweepAt = Date.now() + this.sweepEveryMs;
        await this.redispatchOnce();
      }
      // A full batch means a backlog: keep going without waiting.
      return dispatched >= this.config.OUTBOX_BATCH_SIZE ? 0 : this.config.OUTBOX_POLL_MS;
    } catch (err) {
      this.logger.error(`outbox relay round failed, will retry: ${summarizeError(err)}`);
      // Back off a little when Postgres or Redis is down instead of logging at poll rate.
      return Math.max(this.config.OUTBOX_POLL_MS, 1000);
    }
  }

  private toJobs(rows: OutboxRow[]): { byQueue: Map<QueueName, BulkJob[]>; unknown: string[] } {
    const byQueue = new Map<QueueName, BulkJob[]>();
    const unknown: string[] = [];
    for (const row of rows) {
      if (!isJobName(row.job_name)) {
        unknown.push(row.id);
        continue;
      }
      const queue = JOB_QUEUE[row.job_name];
      const job: BulkJob = {
        name: row.job_name,
        data: {
          // The worker validates the payload; the relay forwards what the command stored.
          payload: row.payload as JobPayloads[JobName],
          outboxId: row.id,
          correlationId: row.correlation_id,
          organizationId: row.organization_id,
        },
        opts: { jobId: row.id },
      };
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
    }
    return { byQueue, unknown };
  }

  private async addAll(byQueue: Map<QueueName, BulkJob[]>): Promise<void> {
    await Promise.all(
      [...byQueue].map(async ([queue, jobs]) => {
        await this.queues.get(queue).addBulk(jobs);
        this.metrics?.relayed(queue, jobs.length);
      }),
    );
  }

  private async markUnknown(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = ANY($1::uuid[])`,
      [ids, UNKNOWN_JOB],
    );
    this.logger.error(`${ids.length} outbox rows name an unknown job; marked failed`);
  }
}

function classify(state: JobState | 'unknown'): 'missing' | 'failed' | 'completed' | 'in-flight' {
  switch (state) {
    case 'unknown':
      return 'missing';
    case 'failed':
      return 'failed';
    case 'completed':
      return 'completed';
    case 'active':
    case 'delayed':
    case 'prioritized':
    case 'waiting':
    case 'waiting-children':
      return 'in-flight';
  }
}
