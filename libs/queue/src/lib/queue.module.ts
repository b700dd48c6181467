import {
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { isJobName, isScheduledJobName } from '@peerline/contracts';
import {
  JOB_PROCESSOR_METADATA,
  SCHEDULED_JOB_METADATA,
  type JobProcessor,
  type ScheduledJobHandler,
} from './job-processor';
import { JobSchedulerKeeper } from './job-schedules';
import { JobWorkerHost } from './job-worker.service';
import { OutboxCleanupProcessor } from './outbox-cleanup.processor';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxEntity } from './outbox.entity';
import { OutboxService } from './outbox.service';
import { createRedisConnection } from './queue-connection.factory';
import { QueueRegistry } from './queue-registry.service';
import { QUEUE_REDIS, WORKER_REDIS } from './queue.tokens';
import { SystemProbeProcessor } from './system-probe.processor';

async function closeRedis(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

/** What a command needs to queue side effects: OutboxService. No Redis connection. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntity])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}

/** The BullMQ queues (for counts, health and metrics); the worker app adds QueueWorkerModule. */
@Module({
  providers: [
    {
      provide: QUEUE_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis => createRedisConnection(config, 'queue'),
    },
    QueueRegistry,
  ],
  exports: [QUEUE_REDIS, QueueRegistry],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(
    private readonly queues: QueueRegistry,
    @Inject(QUEUE_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await closeRedis(this.redis);
  }
}

/**
 * The worker side: the outbox relay and one BullMQ Worker per queue, running every provider
 * decorated with @ProcessesJob. Starts when the application boots; on shutdown stops the relay
 * first (no new jobs), then lets the workers finish their running jobs, then closes Redis.
 */
@Module({
  imports: [DiscoveryModule, QueueModule, OutboxModule],
  providers: [
    {
      provide: WORKER_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis => createRedisConnection(config, 'worker'),
    },
    JobWorkerHost,
    OutboxRelay,
    JobSchedulerKeeper,
    SystemProbeProcessor,
    OutboxCleanupProcessor,
  ],
  exports: [JobWorkerHost, OutboxRelay, JobSchedulerKeeper],
})
export class QueueWorkerModule
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(QueueWorkerModule.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly host: JobWorkerHost,
    private readonly relay: OutboxRelay,
    private readonly schedulers: JobSchedulerKeeper,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (typeof metatype !== 'function' || !instance) continue;
      const job: unknown = this.reflector.get(JOB_PROCESSOR_METADATA, metatype);
      const scheduled: unknown = this.reflector.get(SCHEDULED_JOB_METADATA, metatype);
      if (job === undefined && scheduled === undefined) continue;
      if (!wrapper.isDependencyTreeStatic())
        throw new Error(`job handler ${metatype.name} must not be request-scoped`);
      if (job !== undefined) {
        if (typeof job !== 'string' || !isJobName(job))
          throw new Error(`@ProcessesJob names an unknown job`);
        this.host.register(job, instance as JobProcessor);
      }
      if (scheduled !== undefined) {
        if (typeof scheduled !== 'string' || !isScheduledJobName(scheduled))
          throw new Error(`@RunsOnSchedule names an unknown scheduled job`);
        this.host.registerScheduled(scheduled, instance as ScheduledJobHandler);
      }
    }
    this.logger.log(
      `processors: ${[...this.host.registeredJobs(), ...this.host.registeredScheduledJobs()].join(', ')}`,
    );
  }

  onApplicationBootstrap(): void {
    this.host.start();
    this.relay.start();
    this.schedulers.start(this.host.registeredScheduledJobs());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.schedulers.stop();
    await this.relay.stop();
    await this.host.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
