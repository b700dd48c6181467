import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads, ScheduledJobName } from '@peerline/contracts';

export interface JobContext {
  readonly jobId: string;
  readonly outboxId: string;
  readonly organizationId: string | null;
  readonly correlationId: string;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /**
   * Marks the outbox row processed inside the handler's own transaction, so the effect and the
   * mark commit together. Optional: the worker marks the row after the handler returns anyway.
   */
  markProcessed(tx: EntityManager): Promise<void>;
  /**
   * Tells the worker the handler already marked the outbox row itself (in the same SQL statement
   * as its effect), which saves the worker's own mark: one database round trip per job.
   */
  markedProcessed(): void;
}

/**
 * A job handler. Every job can run more than once (retries, a worker killed mid-job, the relay
 * re-sending after Redis lost its data), so `handle` must make its effect idempotent: a unique key
 * with INSERT … ON CONFLICT DO NOTHING, or a conditional UPDATE … WHERE status = … that claims the
 * work. Throw to retry; throw UnrecoverableError when retrying cannot help.
 */
export interface JobProcessor<J extends JobName = JobName> {
  handle(payload: JobPayloads[J], ctx: JobContext): Promise<void>;
}

export const JOB_PROCESSOR_METADATA = 'peerline:job-processor';

/**
 * Marks a Nest provider as the handler of one job; the worker finds it by this metadata. The
 * decorator only accepts a class whose `handle` takes that job's payload.
 */
export function ProcessesJob<J extends JobName>(job: J) {
  return (target: new (...args: never[]) => JobProcessor<J>): void => {
    SetMetadata(JOB_PROCESSOR_METADATA, job)(target);
  };
}

/**
 * Thrown by a handler that cannot run yet for a reason that is not a failure (another worker
 * holds the work, a lease has not run out): the job waits `delayMs` and runs again without using
 * up one of its attempts.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = 'not ready yet; will run again later',
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

export interface ScheduledJobContext {
  readonly jobId: string;
  /** When the scheduler meant this run to happen (the job's timestamp). */
  readonly scheduledAt: Date;
  readonly correlationId: string;
}

/**
 * Runs one tick of a job scheduler. No payload: the handler looks in Postgres for what is due.
 * Ticks may overlap across worker processes and may repeat after a crash, so every effect needs
 * a unique key or a conditional update, exactly like an outbox job.
 */
export interface ScheduledJobHandler {
  run(ctx: ScheduledJobContext): Promise<void>;
}

export const SCHEDULED_JOB_METADATA = 'peerline:scheduled-job';

/** Marks a Nest provider as the handler of one scheduled job (see JOB_SCHEDULES). */
export function RunsOnSchedule(job: ScheduledJobName) {
  return (target: new (...args: never[]) => ScheduledJobHandler): void => {
    SetMetadata(SCHEDULED_JOB_METADATA, job)(target);
  };
}
