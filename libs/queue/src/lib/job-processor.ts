import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from '@peerline/contracts';

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
