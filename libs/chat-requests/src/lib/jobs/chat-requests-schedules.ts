import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { SCHEDULED_JOB_QUEUE } from '@peerline/contracts';
import { QueueRegistry, summarizeError } from '@peerline/queue';

type ChatRequestsJob = 'chat-requests.expire-unverified' | 'chat-requests.retry-waiting';

export const CHAT_REQUEST_SCHEDULES: readonly { job: ChatRequestsJob; every: number }[] = [
  { job: 'chat-requests.expire-unverified', every: 10 * 60 * 1000 },
  // Waiting requests become due at Monday 00:00 in each organization's zone; 15 minutes late is fine.
  { job: 'chat-requests.retry-waiting', every: 15 * 60 * 1000 },
];

const OPTIONS = { attempts: 1, removeOnComplete: { count: 200 }, removeOnFail: { count: 1000 } };

/**
 * Registers this lib's job schedulers. libs/queue's JOB_SCHEDULES is the intended single place;
 * until these two lines are added there, this keeper upserts them (idempotent by id) at boot and
 * every JOB_SCHEDULER_REFRESH_SECONDS, so they come back after Redis lost its data.
 */
@Injectable()
export class ChatRequestsScheduleKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChatRequestsScheduleKeeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'JOB_SCHEDULER_REFRESH_SECONDS'>,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.running ??= this.ensure()
        .catch((err: unknown) =>
          this.logger.warn(`could not register chat-request schedulers: ${summarizeError(err)}`),
        )
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.timer = setInterval(tick, this.config.JOB_SCHEDULER_REFRESH_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async ensure(): Promise<void> {
    for (const s of CHAT_REQUEST_SCHEDULES) {
      const queue = this.queues.get(SCHEDULED_JOB_QUEUE[s.job]);
      const existing = await queue.getJobScheduler(s.job);
      if (existing !== undefined && Number(existing.every) === s.every) continue;
      await queue.upsertJobScheduler(
        s.job,
        { every: s.every },
        { name: s.job, data: {}, opts: OPTIONS },
      );
    }
  }
}
