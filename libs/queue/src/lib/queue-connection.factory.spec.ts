import { defaultJobOptions } from './queue-connection.factory';

describe('defaultJobOptions', () => {
  const options = defaultJobOptions({ JOB_ATTEMPTS: 8, JOB_BACKOFF_MS: 2000 });

  it('retries with exponential backoff and jitter', () => {
    expect(options.attempts).toBe(8);
    expect(options.backoff).toEqual({ type: 'exponential', delay: 2000, jitter: 0.5 });
  });

  it('keeps failed jobs visible longer than completed ones, both bounded', () => {
    expect(options.removeOnComplete).toEqual({ age: 86_400, count: 10_000 });
    expect(options.removeOnFail).toEqual({ age: 14 * 86_400, count: 50_000 });
  });
});
