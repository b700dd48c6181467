import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Metrics } from '@peerline/observability';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { OPS_REDIS } from './ops.module.tokens';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: Metrics, useFactory: () => new Metrics('api') },
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
