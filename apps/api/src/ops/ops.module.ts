import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Metrics } from '@peerline/observability';
import {
  getFailedOutboxByJob,
  getOutboxLag,
  getQueueDepths,
  QueueModule,
  QueueRegistry,
} from '@peerline/queue';
import { DataSource } from 'typeorm';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { OPS_REDIS } from './ops.module.tokens';
import { QueuesBoard } from './queues-board';

/** HTTP latency comes from a fastify hook; queue depth and outbox lag are read at scrape time. */
function apiMetrics(queues: QueueRegistry, ds: DataSource): Metrics {
  const metrics = new Metrics('api');
  metrics.gauge('queue_jobs', 'BullMQ jobs per queue and state', ['queue', 'state'], async (set) => {
    for (const depth of await getQueueDepths(queues.all())) {
      const { queue, ...counts } = depth;
      for (const [state, n] of Object.entries(counts)) set({ queue, state }, n);
    }
  });
  metrics.gauge('outbox_rows', 'Outbox rows not yet done, by state', ['state'], async (set) => {
    const lag = await getOutboxLag(ds);
    set({ state: 'undispatched' }, lag.undispatched);
    set({ state: 'unprocessed' }, lag.unprocessed);
    set({ state: 'failed' }, lag.failed);
  });
  metrics.gauge('outbox_failed_rows', 'Outbox rows failed for good, by job name', ['job'], async (set) => {
    for (const { job, n } of await getFailedOutboxByJob(ds)) set({ job }, n);
  });
  metrics.gauge('outbox_lag_seconds', 'Age of the oldest due outbox row not yet sent to BullMQ', [], async (set) => {
    set({}, (await getOutboxLag(ds)).oldestUndispatchedSeconds);
  });
  return metrics;
}

@Module({
  imports: [TerminusModule, QueueModule],
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: Metrics, inject: [QueueRegistry, DataSource], useFactory: apiMetrics },
    QueuesBoard,
    {
      provide: OPS_REDIS,
      inject: [APP_CONFIG],
      // A small client of its own: a health check must not queue behind application traffic.
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }),
    },
  ],
  exports: [Metrics, OPS_REDIS],
})
export class OpsModule implements OnApplicationShutdown {
  constructor(@Inject(OPS_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
