import { Counter, Histogram, type Registry } from 'prom-client';

export type JobOutcome = 'completed' | 'failed' | 'retry_later';

/**
 * Per-job-name counters and durations for the worker's /metrics. `final` tells a failure that
 * will be retried from one that ends the job (the one to alert on).
 */
export class JobMetrics {
  private readonly completed: Counter<'queue' | 'job'>;
  private readonly failed: Counter<'queue' | 'job' | 'final'>;
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly dispatched: Counter<'queue'>;

  constructor(registry: Registry) {
    this.completed = new Counter({
      name: 'jobs_completed_total',
      help: 'Jobs whose handler returned, by queue and job name',
      labelNames: ['queue', 'job'] as const,
      registers: [registry],
    });
    this.failed = new Counter({
      name: 'jobs_failed_total',
      help: 'Job attempts that threw; final="true" when no attempt remains',
      labelNames: ['queue', 'job', 'final'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time in the job handler, by queue, job name and outcome',
      labelNames: ['queue', 'job', 'outcome'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.dispatched = new Counter({
      name: 'outbox_dispatched_total',
      help: 'Outbox rows the relay added to BullMQ, by queue',
      labelNames: ['queue'] as const,
      registers: [registry],
    });
  }

  observe(queue: string, job: string, outcome: JobOutcome, seconds: number): void {
    this.duration.observe({ queue, job, outcome }, seconds);
    if (outcome === 'completed') this.completed.inc({ queue, job });
  }

  failure(queue: string, job: string, final: boolean): void {
    this.failed.inc({ queue, job, final: String(final) });
  }

  relayed(queue: string, count: number): void {
    this.dispatched.inc({ queue }, count);
  }
}
