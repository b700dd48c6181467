import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@peerline/config';
import type { JobPayloads } from '@peerline/contracts';
import { createDataSource, inTransaction } from '@peerline/db';
import { getCorrelationId, runWithCorrelationId } from '@peerline/observability';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import {
  flushRedis,
  resetDatabase,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  waitUntil,
} from '@peerline/testing';
import { RetryLaterError, type JobContext, type JobProcessor } from './job-processor';
import { JobWorkerHost } from './job-worker.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { createRedisConnection } from './queue-connection.factory';
import { getFailedJobCount } from './queue-metrics';
import { QueueRegistry } from './queue-registry.service';
import { SystemProbeProcessor } from './system-probe.processor';

interface OutboxState {
  processed_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

jest.setTimeout(30_000);

describe('job workers', () => {
  const config = { ...loadEnv(), JOB_ATTEMPTS: 3, JOB_BACKOFF_MS: 10, WORKER_CONCURRENCY: 5 };
  const outbox = new OutboxService();
  let ds: DataSource;
  let queueRedis: Redis;
  let workerRedis: Redis;
  let queues: QueueRegistry;
  let relay: OutboxRelay;
  let host: JobWorkerHost | undefined;

  const outboxState = async (id: string): Promise<OutboxState | undefined> =>
    (
      await ds.query<OutboxState[]>(
        `SELECT processed_at, failed_at, last_error FROM outbox WHERE id = $1`,
        [id],
      )
    )[0];

  async function startHost(probe: JobProcessor<'system.probe'>): Promise<JobWorkerHost> {
    host = new JobWorkerHost(config, ds, workerRedis);
    host.register('system.probe', probe);
    host.start();
    return host;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 8 });
    await ds.initialize();
    queueRedis = createRedisConnection({ REDIS_URL: TEST_REDIS_URL }, 'queue');
    workerRedis = createRedisConnection({ REDIS_URL: TEST_REDIS_URL }, 'worker');
    queues = new QueueRegistry(config, queueRedis);
    relay = new OutboxRelay(config, ds, queues);
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
  });

  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  afterAll(async () => {
    await queues.close();
    queueRedis.disconnect();
    workerRedis.disconnect();
    await ds.destroy();
  });

  it('runs committed jobs once and marks their outbox rows processed', async () => {
    await startHost(new SystemProbeProcessor(ds));
    const probeId = randomUUID();
    await inTransaction(ds, async (tx) => {
      for (let seq = 0; seq < 20; seq++)
        await outbox.enqueue(tx, 'system.probe', { probeId, seq }, `p:${seq}`);
    });
    await relay.dispatchOnce();
    await waitUntil(
      async () => {
        const [r] = await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`,
        );
        return r?.n === 0;
      },
      10_000,
      'all rows processed',
    );
    const [effects] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM probe_effects`,
    );
    expect(effects?.n).toBe(20);
  });

  it('runs a job that asked to wait again later, without spending its attempts', async () => {
    let runs = 0;
    const waiting: JobProcessor<'system.probe'> = {
      handle: async (payload, ctx) => {
        runs += 1;
        // More waits than the job has attempts: only a wait that spends none can succeed.
        if (runs <= 4) throw new RetryLaterError(50);
        await new SystemProbeProcessor(ds).handle(payload, ctx);
      },
    };
    await startHost(waiting);
    const probeId = randomUUID();
    const id = await inTransaction(ds, (tx) =>
      outbox.enqueue(tx, 'system.probe', { probeId, seq: 1 }, `wait:${probeId}`),
    );
    await relay.dispatchOnce();
    const queue = queues.get('default');
    await waitUntil(
      async () => (await queue.getJobState(id ?? '')) === 'completed',
      10_000,
      'done',
    );
    expect(runs).toBe(5);
    // Only the run that completed counts (the job has 3 attempts and waited 4 times).
    expect((await queue.getJob(id ?? ''))?.attemptsMade).toBe(1);
    expect((await outboxState(id ?? ''))?.processed_at).toBeInstanceOf(Date);
  });

  it('fails a malformed payload at once, without retries', async () => {
    await startHost(new SystemProbeProcessor(ds));
    // Written past OutboxService's check, as an older producer or a hand-edited row would.
    const [row] = await ds.query<{ id: string }[]>(
      `INSERT INTO outbox (job_name, payload, idempotency_key)
       VALUES ('system.probe', '{"probeId":"not-a-uuid","seq":1}'::jsonb, 'malformed') RETURNING id`,
    );
    const id = row?.id ?? '';
    await relay.dispatchOnce();

    const queue = queues.get('default');
    await waitUntil(async () => (await queue.getJobState(id)) === 'failed', 10_000, 'job failed');
    const job = await queue.getJob(id);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(3);
    expect(job?.failedReason).toBe('malformed payload for system.probe');
    expect(await getFailedJobCount(queues.all())).toBe(1);

    const state = await waitUntil(
      async () => {
        const s = await outboxState(id);
        return s?.failed_at ? s : undefined;
      },
      5_000,
      'outbox row marked failed',
    );
    expect(state.processed_at).toBeNull();
    expect(state.last_error).toMatch(/UnrecoverableError: malformed payload/);
    // A failed row is not sent again by the relay's sweep.
    await ds.query(`UPDATE outbox SET dispatched_at = now() - interval '1 hour'`);
    expect((await relay.redispatchOnce()).redispatched).toBe(0);
  });

  it('retries a failing handler with backoff and keeps the job failed after the last attempt', async () => {
    let calls = 0;
    await startHost({
      handle: () => {
        calls += 1;
        return Promise.reject(new Error('downstream unavailable for bob@example.com'));
      },
    });
    const id = await inTransaction(ds, (tx) =>
      outbox.enqueue(tx, 'system.probe', { probeId: randomUUID(), seq: 1 }, 'always-fails'),
    );
    await relay.dispatchOnce();
    const queue = queues.get('default');
    await waitUntil(
      async () => (await queue.getJobState(id ?? '')) === 'failed',
      10_000,
      'job failed',
    );
    const job = await queue.getJob(id ?? '');
    expect(job?.attemptsMade).toBe(3);
    expect(calls).toBe(3);
    const state = await waitUntil(
      async () => {
        const s = await outboxState(id ?? '');
        return s?.failed_at ? s : undefined;
      },
      5_000,
      'outbox row marked failed',
    );
    expect(state.last_error).toBe('Error: downstream unavailable for [address]');
  });

  it('runs the handler inside the correlation id of the command that queued it', async () => {
    const seen: (string | undefined)[] = [];
    const probe = new SystemProbeProcessor(ds);
    await startHost({
      handle: async (payload: JobPayloads['system.probe'], ctx: JobContext) => {
        seen.push(getCorrelationId(), ctx.correlationId);
        await probe.handle(payload, ctx);
      },
    });
    const id = await runWithCorrelationId('req-abc', () =>
      inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', { probeId: randomUUID(), seq: 1 }, 'correlated'),
      ),
    );
    await relay.dispatchOnce();
    await waitUntil(
      async () => (await outboxState(id ?? ''))?.processed_at ?? undefined,
      10_000,
      'processed',
    );
    expect(seen).toEqual(['req-abc', 'req-abc']);
  });

  it('finishes a running job before close() returns', async () => {
    let finished = false;
    await startHost({
      handle: async () => {
        await new Promise((r) => setTimeout(r, 500));
        finished = true;
      },
    });
    const id = await inTransaction(ds, (tx) =>
      outbox.enqueue(tx, 'system.probe', { probeId: randomUUID(), seq: 1 }, 'slow'),
    );
    await relay.dispatchOnce();
    await waitUntil(
      async () => (await queues.get('default').getJobState(id ?? '')) === 'active',
      5_000,
      'active',
    );
    await host?.close();
    expect(finished).toBe(true);
    expect((await outboxState(id ?? ''))?.processed_at).toBeInstanceOf(Date);
  });
});
