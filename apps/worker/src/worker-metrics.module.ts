import { Global, Module } from '@nestjs/common';
import { Metrics } from '@peerline/observability';
import { JobMetrics } from '@peerline/queue';
import { MetricsController } from './metrics.controller';

/**
 * The worker's Prometheus registry. Global so JobWorkerHost and the relay (in QueueWorkerModule)
 * find JobMetrics; without this module they run without metrics (tests).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: Metrics, useFactory: (): Metrics => new Metrics('worker') },
    {
      provide: JobMetrics,
      inject: [Metrics],
      useFactory: (m: Metrics) => new JobMetrics(m.registry),
    },
  ],
  exports: [Metrics, JobMetrics],
})
export class WorkerMetricsModule {}
