import type { DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '@peerline/config';

export type QueueConfig = Pick<
  AppConfig,
  | 'REDIS_URL'
  | 'QUEUE_PREFIX'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
  | 'WORKER_CONCURRENCY'
  | 'WORKER_LOCK_DURATION_MS'
  | 'WORKER_STALLED_INTERVAL_MS'
  | 'WORKER_MAX_STALLED_COUNT'
>;

export type RedisRole = 'queue' | 'worker';

/**
 * Workers block on Redis and must wait out a Redis restart instead of failing their commands, so
 * BullMQ requires maxRetriesPerRequest: null for them. Queue clients fail a command after a few
 * reconnect attempts instead: the relay then rolls back and tries again on its next tick rather
 * than holding its row locks while Redis is away.
 */
export function createRedisConnection(
  config: Pick<AppConfig, 'REDIS_URL'>,
  role: RedisRole,
): Redis {
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    connectionName: `peerline-${role}`,
  });
  // Without a listener ioredis prints every reconnect error; BullMQ reports its own.
  redis.on('error', () => undefined);
  return redis;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Completed jobs are only kept for inspection (the outbox row records success durably). Failed jobs
 * stay for two weeks so someone can see and retry them; both are bounded by count so Redis memory
 * stays flat.
 */
export function defaultJobOptions(
  config: Pick<AppConfig, 'JOB_ATTEMPTS' | 'JOB_BACKOFF_MS'>,
): DefaultJobOptions {
  return {
    attempts: config.JOB_ATTEMPTS,
    // Jitter spreads retries of jobs that failed together (an SMTP outage) over time.
    backoff: { type: 'exponential', delay: config.JOB_BACKOFF_MS, jitter: 0.5 },
    removeOnComplete: { age: DAY_SECONDS, count: 10_000 },
    removeOnFail: { age: 14 * DAY_SECONDS, count: 50_000 },
  };
}
