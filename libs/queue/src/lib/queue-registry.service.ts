import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '@peerline/config';
import {
  JOB_QUEUE,
  QUEUES,
  type JobName,
  type QueueName,
  type ScheduledJobName,
} from '@peerline/contracts';
import type { OutboxJobData } from './job-data';
import { defaultJobOptions, type QueueConfig } from './queue-connection.factory';
import { QUEUE_REDIS } from './queue.tokens';
import { summarizeError } from './error-summary';

/** Scheduled jobs carry no data: their handlers look in Postgres for what is due. */
export type ScheduledJobData = Record<string, never>;
export type QueuedJobName = JobName | ScheduledJobName;
export type OutboxQueue = Queue<OutboxJobData | ScheduledJobData, void, QueuedJobName>;

/** One BullMQ Queue per name in QUEUES, sharing one Redis client. */
@Injectable()
export class QueueRegistry {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly queues: ReadonlyMap<QueueName, OutboxQueue>;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: QueueConfig, @Inject(QUEUE_REDIS) connection: Redis) {
    const jobOptions = defaultJobOptions(config);
    this.queues = new Map(
      QUEUES.map((name) => {
        const queue: OutboxQueue = new Queue<OutboxJobData | ScheduledJobData, void, QueuedJobName>(
          name,
          {
            connection,
            prefix: config.QUEUE_PREFIX,
            defaultJobOptions: jobOptions,
          },
        );
        queue.on('error', (err) => this.logger.warn(`queue ${name}: ${summarizeError(err)}`));
        return [name, queue] as const;
      }),
    );
  }

  get(name: QueueName): OutboxQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  forJob(job: JobName): OutboxQueue {
    return this.get(JOB_QUEUE[job]);
  }

  all(): ReadonlyMap<QueueName, OutboxQueue> {
    return this.queues;
  }

  /** Closes the Queue objects; the shared Redis client belongs to whoever created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
