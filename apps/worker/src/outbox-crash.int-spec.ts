import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, inTransaction } from '@peerline/db';
import { OutboxService } from '@peerline/queue';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import {
  flushRedis,
  resetDatabase,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  waitUntil,
} from '@peerline/testing';

const ROOT = resolve(__dirname, '../../..');
const TOTAL = 1000;

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real worker (apps/worker/src/main.ts) in a child process, so it can be SIGKILLed. */
function startWorker(): Worker {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: 'peerline-test',
      LOG_LEVEL: 'warn',
      WORKER_PORT: '0',
      WORKER_CONCURRENCY: '4',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BATCH_SIZE: '50',
      // The schema's minimum: rows whose jobs vanished with the Redis flush are re-sent quickly.
      OUTBOX_REDISPATCH_AFTER_SECONDS: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => output, exited };
}

describe('the outbox survives a killed worker and a Redis that lost its data', () => {
  let ds: DataSource;
  let worker: Worker | undefined;

  const count = async (sql: string): Promise<number> =>
    (await ds.query<{ n: number }[]>(sql))[0]?.n ?? -1;
  const effects = () => count(`SELECT count(*)::int AS n FROM probe_effects`);

  beforeAll(async () => {
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await ds.initialize();
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
  });

  afterEach(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('applies each of 1,000 effects exactly once', async () => {
    const outbox = new OutboxService();
    const probeId = randomUUID();
    await inTransaction(ds, async (tx) => {
      for (let seq = 0; seq < TOTAL; seq++) {
        await outbox.enqueue(tx, 'system.probe', { probeId, seq }, `crash-test:${probeId}:${seq}`);
      }
    });

    worker = startWorker();
    const first = worker;
    await waitUntil(async () => (await effects()) >= 100, 30_000, 'first effects', 5).catch(
      (err: unknown) => {
        throw new Error(`${String(err)}\n${first.output()}`);
      },
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const atKill = await effects();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(TOTAL);

    // Redis loses everything: queued jobs, active jobs' locks, completed ids.
    await flushRedis(TEST_REDIS_URL);

    worker = startWorker();
    const second = worker;
    await waitUntil(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`)) === 0,
      45_000,
      'every outbox row processed',
      100,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${second.output()}`);
    });

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    expect(await effects()).toBe(TOTAL);
    expect(await count(`SELECT count(DISTINCT (probe_id, seq))::int AS n FROM probe_effects`)).toBe(
      TOTAL,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM probe_effects WHERE probe_id <> '${probeId}'`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NOT NULL`),
    ).toBe(TOTAL);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL`)).toBe(
      0,
    );
    // Rows in flight at the kill were sent to Redis a second time by the relay's sweep.
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE dispatch_count > 1`),
    ).toBeGreaterThan(0);
  }, 90_000);
});
