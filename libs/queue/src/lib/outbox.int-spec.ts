import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@peerline/config';
import { createDataSource, inTransaction } from '@peerline/db';
import { runWithCorrelationId } from '@peerline/observability';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import { flushRedis, resetDatabase, TEST_DATABASE_URL, TEST_REDIS_URL } from '@peerline/testing';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { createRedisConnection } from './queue-connection.factory';
import { getOutboxLag, getQueueDepths } from './queue-metrics';
import { QueueRegistry } from './queue-registry.service';

interface OutboxRow {
  id: string;
  correlation_id: string | null;
  dispatched_at: Date | null;
  dispatch_count: number;
}

describe('outbox', () => {
  let ds: DataSource;
  let redis: Redis;
  let queues: QueueRegistry;
  let relay: OutboxRelay;
  const outbox = new OutboxService();
  const config = { ...loadEnv(), OUTBOX_BATCH_SIZE: 100, OUTBOX_REDISPATCH_AFTER_SECONDS: 5 };
  const probe = (seq: number) => ({ probeId: randomUUID(), seq });
  const rows = () =>
    ds.query<OutboxRow[]>(`SELECT id, correlation_id, dispatched_at, dispatch_count FROM outbox`);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 4 });
    await ds.initialize();
    redis = createRedisConnection({ REDIS_URL: TEST_REDIS_URL }, 'queue');
    queues = new QueueRegistry(config, redis);
    relay = new OutboxRelay(config, ds, queues);
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await ds.destroy();
  });

  describe('enqueue', () => {
    it('leaves no row when the transaction rolls back', async () => {
      await expect(
        inTransaction(ds, async (tx) => {
          await outbox.enqueue(tx, 'system.probe', probe(1), 'probe:rolled-back');
          throw new Error('the command failed after enqueueing');
        }),
      ).rejects.toThrow('the command failed');
      expect(await rows()).toHaveLength(0);
      expect(await relay.dispatchOnce()).toBe(0);
    });

    it('enqueues a replayed idempotency key once', async () => {
      const first = await inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', probe(1), 'probe:replayed'),
      );
      const second = await inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', probe(2), 'probe:replayed'),
      );
      expect(first).toEqual(expect.any(String));
      expect(second).toBeNull();
      expect(await rows()).toHaveLength(1);
    });

    it('records the correlation id of the command', async () => {
      await runWithCorrelationId('req-123', () =>
        inTransaction(ds, (tx) => outbox.enqueue(tx, 'system.probe', probe(1), 'probe:correlated')),
      );
      expect((await rows())[0]?.correlation_id).toBe('req-123');
    });

    it('refuses a payload that does not match the job', async () => {
      await expect(
        inTransaction(ds, (tx) =>
          outbox.enqueue(tx, 'system.probe', { probeId: 'nope', seq: 1 }, 'probe:invalid'),
        ),
      ).rejects.toThrow(/invalid payload/);
    });
  });

  describe('relay', () => {
    it('adds committed rows as jobs named by the outbox id and marks them dispatched', async () => {
      const payload = probe(7);
      const orgId = null;
      const id = await runWithCorrelationId('corr-1', () =>
        inTransaction(ds, (tx) =>
          outbox.enqueue(tx, 'system.probe', payload, 'probe:dispatch', { organizationId: orgId }),
        ),
      );
      expect(await relay.dispatchOnce()).toBe(1);

      const job = await queues.get('default').getJob(id ?? '');
      expect(job?.name).toBe('system.probe');
      expect(job?.data).toEqual({
        payload,
        outboxId: id,
        correlationId: 'corr-1',
        organizationId: null,
      });
      expect(job?.opts.attempts).toBe(config.JOB_ATTEMPTS);
      const [row] = await rows();
      expect(row?.dispatched_at).toBeInstanceOf(Date);
      expect(row?.dispatch_count).toBe(1);
      expect(await relay.dispatchOnce()).toBe(0);
    });

    it('leaves rows alone until they are available', async () => {
      await inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', probe(1), 'probe:later', {
          availableAt: new Date(Date.now() + 60_000),
        }),
      );
      expect(await relay.dispatchOnce()).toBe(0);
    });

    it('takes at most one batch per round, oldest first', async () => {
      await inTransaction(ds, async (tx) => {
        for (let i = 0; i < 150; i++)
          await outbox.enqueue(tx, 'system.probe', probe(i), `probe:batch:${i}`);
      });
      expect(await relay.dispatchOnce()).toBe(100);
      expect(await relay.dispatchOnce()).toBe(50);
      expect((await getQueueDepths(queues.all())).find((d) => d.queue === 'default')?.waiting).toBe(
        150,
      );
    });

    it('is harmless when the job was already added before a crash', async () => {
      const id = await inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', probe(1), 'probe:crash'),
      );
      // As if an earlier relay added the job and died before its commit.
      await relay.dispatchOnce();
      await ds.query(`UPDATE outbox SET dispatched_at = NULL`);
      expect(await relay.dispatchOnce()).toBe(1);
      const counts = await queues.get('default').getJobCounts('waiting');
      expect(counts.waiting).toBe(1);
      expect(await queues.get('default').getJobState(id ?? '')).toBe('waiting');
      expect((await rows())[0]?.dispatch_count).toBe(2);
    });

    it('re-adds a dispatched, unprocessed row whose job Redis lost', async () => {
      const id = await inTransaction(ds, (tx) =>
        outbox.enqueue(tx, 'system.probe', probe(1), 'probe:lost'),
      );
      await relay.dispatchOnce();
      await flushRedis(TEST_REDIS_URL);
      await ds.query(`UPDATE outbox SET dispatched_at = now() - interval '1 minute'`);

      expect(await relay.redispatchOnce()).toEqual({
        redispatched: 1,
        inFlight: 0,
        failed: 0,
        completed: 0,
      });
      expect(await queues.get('default').getJobState(id ?? '')).toBe('waiting');
      expect((await rows())[0]?.dispatch_count).toBe(2);
    });

    it('does not re-add a job that is still queued, and looks at it again only later', async () => {
      await inTransaction(ds, (tx) => outbox.enqueue(tx, 'system.probe', probe(1), 'probe:queued'));
      await relay.dispatchOnce();
      await ds.query(`UPDATE outbox SET dispatched_at = now() - interval '1 minute'`);

      expect(await relay.redispatchOnce()).toEqual({
        redispatched: 0,
        inFlight: 1,
        failed: 0,
        completed: 0,
      });
      expect(await relay.redispatchOnce()).toEqual({
        redispatched: 0,
        inFlight: 0,
        failed: 0,
        completed: 0,
      });
      expect((await rows())[0]?.dispatch_count).toBe(1);
    });

    it('does not re-add a recently dispatched row', async () => {
      await inTransaction(ds, (tx) => outbox.enqueue(tx, 'system.probe', probe(1), 'probe:recent'));
      await relay.dispatchOnce();
      await flushRedis(TEST_REDIS_URL);
      expect((await relay.redispatchOnce()).redispatched).toBe(0);
    });

    it('marks a row with an unknown job name failed instead of sending it', async () => {
      await ds.query(
        `INSERT INTO outbox (job_name, payload, idempotency_key) VALUES ('no.such-job', '{}'::jsonb, 'unknown')`,
      );
      expect(await relay.dispatchOnce()).toBe(1);
      const [row] = await ds.query<{ failed_at: Date | null; last_error: string | null }[]>(
        `SELECT failed_at, last_error FROM outbox`,
      );
      expect(row?.failed_at).toBeInstanceOf(Date);
      expect(row?.last_error).toMatch(/unknown job/);
      expect((await getOutboxLag(ds)).failed).toBe(1);
    });

    it('reports the outbox lag', async () => {
      expect(await getOutboxLag(ds)).toEqual({
        oldestUndispatchedSeconds: 0,
        undispatched: 0,
        unprocessed: 0,
        failed: 0,
      });
      await inTransaction(ds, async (tx) => {
        await outbox.enqueue(tx, 'system.probe', probe(1), 'probe:lag:1');
        await outbox.enqueue(tx, 'system.probe', probe(2), 'probe:lag:2');
      });
      await ds.query(
        `UPDATE outbox SET available_at = now() - interval '90 seconds', created_at = now() - interval '90 seconds'`,
      );
      const lag = await getOutboxLag(ds);
      expect(lag.undispatched).toBe(2);
      expect(lag.oldestUndispatchedSeconds).toBeGreaterThanOrEqual(90);
      await relay.dispatchOnce();
      expect(await getOutboxLag(ds)).toMatchObject({
        oldestUndispatchedSeconds: 0,
        undispatched: 0,
        unprocessed: 2,
      });
    });
  });

  describe('start/stop', () => {
    it('dispatches on its own once started and stops cleanly', async () => {
      const running = new OutboxRelay({ ...config, OUTBOX_POLL_MS: 20 }, ds, queues);
      running.start();
      await inTransaction(ds, (tx) => outbox.enqueue(tx, 'system.probe', probe(1), 'probe:loop'));
      const deadline = Date.now() + 5000;
      while ((await rows())[0]?.dispatched_at == null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await running.stop();
      expect((await rows())[0]?.dispatched_at).toBeInstanceOf(Date);
    });
  });
});
