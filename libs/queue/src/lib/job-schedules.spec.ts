import { SCHEDULED_JOB_QUEUE } from '@peerline/contracts';
import { jobSchedules } from './job-schedules';

describe('the job schedule registry', () => {
  const schedules = jobSchedules({
    DIGEST_SWEEP_EVERY_SECONDS: 300,
    JOB_SCHEDULER_REFRESH_SECONDS: 60,
  });

  it('defines every scheduled job once, on its queue, with either an interval or a cron pattern', () => {
    expect(new Set(schedules.map((s) => s.id)).size).toBe(schedules.length);
    expect(schedules.map((s) => s.job).sort()).toEqual(Object.keys(SCHEDULED_JOB_QUEUE).sort());
    for (const s of schedules) {
      expect(s.queue).toBe(SCHEDULED_JOB_QUEUE[s.job]);
      if ('every' in s.repeat) expect(s.repeat.every).toBeGreaterThan(0);
      else expect(s.repeat.pattern.split(' ')).toHaveLength(5);
    }
  });

  it('takes the digest interval from the configuration', () => {
    expect(schedules.find((s) => s.job === 'notifications.digest')?.repeat).toEqual({
      every: 300_000,
    });
  });
});
