import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Public } from '@peerline/identity';
import { checkDatabase, checkMigrations, checkRedis, type CheckResult } from '@peerline/observability';
import { getFailedJobCount, getOutboxLag, getRecentFailedJobs, QueueRegistry } from '@peerline/queue';
import { OPS_REDIS } from './ops.module.tokens';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(OPS_REDIS) private readonly redis: Redis,
    private readonly queues: QueueRegistry,
  ) {}

  /** The process is up and serving HTTP; says nothing about its dependencies. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to take traffic: database reachable, schema migrated, Redis reachable. */
  @Get('readyz')
  @HealthCheck()
  readyz() {
    const indicator = (key: string, check: () => Promise<CheckResult>) => async () => {
      const { status, ...details } = await check();
      const session = this.indicators.check(key);
      return status === 'up' ? session.up(details) : session.down(details);
    };
    return this.health.check([
      indicator('database', () => checkDatabase(this.ds)),
      indicator('migrations', () => checkMigrations(this.ds)),
      indicator('redis', async () => {
        if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
        return checkRedis(this.redis);
      }),
      // Failed jobs do not make the api unready, but operators see them here first.
      indicator('jobs', async () => {
        try {
          const [failedJobs, outbox, recentFailures] = await Promise.all([
            getFailedJobCount(this.queues.all()),
            getOutboxLag(this.ds),
            // Reasons are summaries written by the processors: codes, never addresses or bodies.
            getRecentFailedJobs(this.queues.all(), 5),
          ]);
          return { status: 'up', failedJobs, outbox, recentFailures };
        } catch (err) {
          return { status: 'up', unavailable: err instanceof Error ? err.message : String(err) };
        }
      }),
    ]);
  }
}
