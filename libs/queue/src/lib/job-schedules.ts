import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@peerline/config';
import { APP_CONFIG } from '@peerline/config';
import { SCHEDULED_JOB_QUEUE, type QueueName, type ScheduledJobName } from '@peerline/contracts';
import { summarizeError } from './error-summary';
import { QueueRegistry } from './queue-registry.service';

export type ScheduleConfig = Pick<
  AppConfig,
  'DIGEST_SWEEP_EVERY_SECONDS' | 'JOB_SCHEDULER_REFRESH_SECONDS'
>;

export interface JobSchedule {
  /** The BullMQ job scheduler id (the job's name): one scheduler however many workers upsert it. */
  id: ScheduledJobName;
  job: ScheduledJobName;
  queue: QueueName;
  /** `every` in milliseconds, or a cron `pattern` (evaluated in UTC). */
  repeat: { every: number } | { pattern: string };
}

/**
 * Every repeatable job, defined once: one line per scheduled job name. The mapped type makes a
 * new name in SCHEDULED_JOB_QUEUE (contracts) fail to compile until it has its line here. Re-dispatching lost outbox rows is not here
 * on purpose: it must work after Redis lost everything, schedulers included, so the relay runs it
 * on its own timer. Cron patterns are evaluated in UTC.
 */
export function jobSchedules(config: ScheduleConfig): readonly JobSchedule[] {
  const timetable: { readonly [J in ScheduledJobName]: JobSchedule['repeat'] } = {
    'notifications.digest': { every: config.DIGEST_SWEEP_EVERY_SECONDS * 1000 },
    'outbox.cleanup': { pattern: '17 * * * *' },
    'mail.retention-purge': { pattern: '41 3 * * *' },
    // Added for chat-requests' handlers (its owner may tune them): the 48 h links expire within
    // five minutes of their deadline; waiting requests are retried every quarter hour.
    'chat-requests.expire-unverified': { every: 5 * 60_000 },
    'chat-requests.retry-waiting': { every: 15 * 60_000 },
    // Reminders at 48 h steps and expiry at 7 days: due work is at most five minutes late.
    'chat-requests.service-level': { every: 5 * 60_000 },
    'referrals.lapse-consent': { pattern: '23 * * * *' },
    // Due dates are calendar days: every hour is enough, and a missed run catches up.
    'payouts.mature': { pattern: '7 * * * *' },
    // Labels trickle in from HR's queue: hourly retraining keeps up, and costs little when idle.
    'screening.retrain-org-models': { pattern: '37 * * * *' },
    // DST changes happen on the hour or half hour UTC (Chatham: :45 local, on the hour UTC):
    // checking every quarter hour keeps stored offsets at most 15 minutes stale.
    'ambassadors.refresh-utc-offsets': { pattern: '1,16,31,46 * * * *' },
  };
  return (Object.keys(timetable) as ScheduledJobName[]).map((job) => ({
    id: job,
    job,
    queue: SCHEDULED_JOB_QUEUE[job],
    repeat: timetable[job],
  }));
}

// Scheduled ticks are cheap to lose (the next one does the same work), so one attempt each.
const SCHEDULED_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 1000 },
};

/**
 * Registers the job schedulers this worker has handlers for. upsertJobScheduler is idempotent by
 * id, so every worker process may do it. Schedulers live in Redis, so they are checked again
 * every JOB_SCHEDULER_REFRESH_SECONDS and re-created when missing or changed.
 */
@Injectable()
export class JobSchedulerKeeper {
  private readonly logger = new Logger(JobSchedulerKeeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private schedules: readonly JobSchedule[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: ScheduleConfig,
    private readonly queues: QueueRegistry,
  ) {}

  start(handled: readonly ScheduledJobName[]): void {
    this.schedules = jobSchedules(this.config).filter((s) => handled.includes(s.job));
    if (this.schedules.length === 0) return;
    const tick = (): void => {
      this.running = this.ensure()
        .then(() => undefined)
        .catch((err: unknown) =>
          this.logger.warn(`could not register job schedulers: ${summarizeError(err)}`),
        )
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.timer = setInterval(tick, this.config.JOB_SCHEDULER_REFRESH_SECONDS * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Upserts each schedule that is missing or differs; returns the ids it wrote. */
  async ensure(): Promise<string[]> {
    const written: string[] = [];
    for (const s of this.schedules) {
      const queue = this.queues.get(s.queue);
      const existing = await queue.getJobScheduler(s.id);
      const same =
        existing !== undefined &&
        ('every' in s.repeat
          ? Number(existing.every) === s.repeat.every
          : existing.pattern === s.repeat.pattern);
      if (same) continue;
      await queue.upsertJobScheduler(s.id, s.repeat, {
        name: s.job,
        data: {},
        opts: SCHEDULED_JOB_OPTIONS,
      });
      written.push(s.id);
    }
    if (written.length > 0) this.logger.log(`job schedulers registered: ${written.join(', ')}`);
    return written;
  }
}
