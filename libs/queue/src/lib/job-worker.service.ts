import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@peerline/config';
import {
  isScheduledJobName,
  JOB_QUEUE,
  QUEUES,
  SCHEDULED_JOB_QUEUE,
  type JobName,
  type QueueName,
  type ScheduledJobName,
} from '@peerline/contracts';
import {
  getCorrelationId,
  runWithCorrelationId,
  sanitizeCorrelationId,
} from '@peerline/observability';
import { summarizeError } from './error-summary';
import { parseOutboxJob } from './job-data';
import { JobMetrics, type JobOutcome } from './job-metrics';
import { isUuid } from './job-payload.validators';
import {
  RetryLaterError,
  type JobContext,
  type JobProcessor,
  type ScheduledJobHandler,
} from './job-processor';
import { markOutboxFailed, markOutboxProcessed } from './outbox-marks';
import type { QueueConfig } from './queue-connection.factory';
import { WORKER_REDIS } from './queue.tokens';

type AnyJob = Job<unknown, void, string>;

/**
 * Runs the registered processors: one BullMQ Worker per queue that has any. Every job passes the
 * same pipeline: validate → handler (inside the job's correlation id) → mark the outbox row
 * processed. A final failure is recorded on the outbox row too. Scheduled jobs (no outbox row)
 * run their handler inside a correlation id made from the job id.
 */
@Injectable()
export class JobWorkerHost {
  private readonly logger = new Logger(JobWorkerHost.name);
  private readonly processors = new Map<JobName, JobProcessor>();
  private readonly scheduled = new Map<ScheduledJobName, ScheduledJobHandler>();
  private readonly workers = new Map<QueueName, Worker<unknown, void, string>>();
  private readonly pendingMarks = new Set<Promise<void>>();
  private started = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: QueueConfig,
    private readonly dataSource: DataSource,
    @Inject(WORKER_REDIS) private readonly connection: Redis,
    @Optional() private readonly metrics?: JobMetrics,
  ) {}

  register<J extends JobName>(job: J, processor: JobProcessor<J>): void {
    if (this.started) throw new Error('register processors before the workers start');
    if (this.processors.has(job)) throw new Error(`two processors registered for ${job}`);
    this.processors.set(job, processor);
  }

  registerScheduled(job: ScheduledJobName, handler: ScheduledJobHandler): void {
    if (this.started) throw new Error('register handlers before the workers start');
    if (this.scheduled.has(job)) throw new Error(`two handlers registered for ${job}`);
    this.scheduled.set(job, handler);
  }

  registeredJobs(): JobName[] {
    return [...this.processors.keys()];
  }

  registeredScheduledJobs(): ScheduledJobName[] {
    return [...this.scheduled.keys()];
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const queue of QUEUES) {
      const jobs: string[] = [
        ...[...this.processors.keys()].filter((job) => JOB_QUEUE[job] === queue),
        ...[...this.scheduled.keys()].filter((job) => SCHEDULED_JOB_QUEUE[job] === queue),
      ];
      if (jobs.length === 0) {
        this.logger.warn(`no processors for queue ${queue}: its jobs wait for another worker`);
        continue;
      }
      const worker = new Worker<unknown, void, string>(
        queue,
        (job, token) => this.timed(queue, job, token),
        {
          connection: this.connection,
          prefix: this.config.QUEUE_PREFIX,
          concurrency: this.config.WORKER_CONCURRENCY,
          lockDuration: this.config.WORKER_LOCK_DURATION_MS,
          stalledInterval: this.config.WORKER_STALLED_INTERVAL_MS,
          maxStalledCount: this.config.WORKER_MAX_STALLED_COUNT,
        },
      );
      worker.on('failed', (job, err) => this.onFailed(queue, job, err));
      worker.on('stalled', (jobId) =>
        this.logger.warn(`job ${jobId} on ${queue} stalled (its worker died or hung); re-queued`),
      );
      worker.on('error', (err) => this.logger.error(`worker ${queue}: ${summarizeError(err)}`));
      this.workers.set(queue, worker);
      this.logger.log(`worker ${queue} started for ${jobs.join(', ')}`);
    }
  }

  /** The whole per-job pipeline; the Workers call it, and tests may call it with a fetched job. */
  async process(job: AnyJob, token?: string): Promise<void> {
    try {
      if (isScheduledJobName(job.name)) {
        await this.runScheduled(job.name, job);
        return;
      }
      await this.runOutboxJob(job);
    } catch (err) {
      if (err instanceof RetryLaterError && token !== undefined) {
        // Back to delayed without spending an attempt; DelayedError tells BullMQ we moved it.
        await job.moveToDelayed(Date.now() + err.delayMs, token);
        throw new DelayedError();
      }
      throw err;
    }
  }

  /** Stops taking jobs and waits for the running ones to finish (BullMQ's graceful close). */
  async close(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close()));
    await Promise.allSettled([...this.pendingMarks]);
    this.workers.clear();
  }

  private async timed(queue: QueueName, job: AnyJob, token: string | undefined): Promise<void> {
    const started = process.hrtime.bigint();
    let outcome: JobOutcome = 'failed';
    try {
      await this.process(job, token);
      outcome = 'completed';
    } catch (err) {
      if (err instanceof DelayedError) outcome = 'retry_later';
      throw err;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics?.observe(queue, job.name, outcome, seconds);
    }
  }

  private async runOutboxJob(job: AnyJob): Promise<void> {
    const parsed = parseOutboxJob(job.name, job.data);
    const processor = this.processors.get(parsed.name);
    // A deployment problem, not a bad job: retrying gives a fixed worker the chance to run it.
    if (!processor) throw new Error(`no processor registered for ${parsed.name}`);
    const { outboxId, organizationId, correlationId } = parsed.data;
    await runWithCorrelationId(correlationId ?? undefined, async (): Promise<void> => {
      let marked = false;
      const ctx: JobContext = {
        jobId: job.id ?? outboxId,
        outboxId,
        organizationId,
        // runWithCorrelationId made one up when the command had none; the logs use that one.
        correlationId: getCorrelationId() ?? outboxId,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        markProcessed: async (tx) => {
          await markOutboxProcessed(tx, outboxId);
          marked = true;
        },
        markedProcessed: () => {
          marked = true;
        },
      };
      await processor.handle(parsed.data.payload, ctx);
      // Conditional, so it is harmless after the handler's own mark; skipped when we know of one.
      if (!marked) await markOutboxProcessed(this.dataSource, outboxId);
    });
  }

  private async runScheduled(name: ScheduledJobName, job: AnyJob): Promise<void> {
    const handler = this.scheduled.get(name);
    if (!handler) throw new Error(`no handler registered for ${name}`);
    const correlationId = sanitizeCorrelationId(job.id ?? undefined);
    await runWithCorrelationId(correlationId, () =>
      handler.run({
        jobId: job.id ?? correlationId,
        scheduledAt: new Date(job.timestamp),
        correlationId,
      }),
    );
  }

  private onFailed(queue: QueueName, job: AnyJob | undefined, err: Error): void {
    if (!job) return;
    // BullMQ sets finishedOn only when the job will not be retried (attempts used up or unrecoverable).
    const final = job.finishedOn !== undefined || err instanceof UnrecoverableError;
    this.metrics?.failure(queue, job.name, final);
    const summary = summarizeError(err);
    const attempts = `${job.attemptsMade}/${job.opts.attempts ?? 1}`;
    if (!final) {
      this.logger.warn(
        `job ${job.name} ${job.id ?? '?'} failed (attempt ${attempts}), will retry: ${summary}`,
      );
      return;
    }
    this.logger.error(
      `job ${job.name} ${job.id ?? '?'} failed for good after ${attempts} attempts: ${summary}`,
    );
    const outboxId = (job.data as { outboxId?: unknown } | null)?.outboxId;
    if (!isUuid(outboxId)) return;
    const mark = markOutboxFailed(this.dataSource, outboxId, summary)
      .then(() => undefined)
      .catch((e: unknown) =>
        this.logger.error(`could not mark outbox ${outboxId} failed: ${summarizeError(e)}`),
      )
      .finally(() => this.pendingMarks.delete(mark));
    this.pendingMarks.add(mark);
  }
}
