import type { DataSource } from 'typeorm';
import { inTransaction } from '@peerline/db';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import {
  flushRedis,
  resetDatabase,
  startMailCatcher,
  TEST_REDIS_URL,
  waitUntil,
  type MailCatcher,
} from '@peerline/testing';
import { startCommandSide, type CommandSide } from './notifications-context.harness';
import { startWorkerProcess, type WorkerProcess } from './worker-process.harness';

const TOTAL = 10_000;
const POOL = 10;
const CONCURRENCY = 40;
const KILL_AT = [1_500, 4_000, 6_500];

// Tuned for two cores: enough concurrency to keep SMTP busy, big relay batches, fast recovery.
const WORKER_ENV = {
  LOG_LEVEL: 'warn',
  WORKER_CONCURRENCY: String(CONCURRENCY),
  SMTP_POOL_SIZE: String(POOL),
  OUTBOX_BATCH_SIZE: '1000',
  DATABASE_POOL_SIZE: '20',
};

describe('mail survives killed workers and a flushed Redis', () => {
  let side: CommandSide;
  let ds: DataSource;
  let catcher: MailCatcher;
  let worker: WorkerProcess | undefined;

  const count = async (sql: string): Promise<number> =>
    (await ds.query<{ n: number }[]>(sql))[0]?.n ?? -1;
  const distinctIds = (): Set<string> => new Set(catcher.messages.map((m) => m.messageId));

  async function queueMails(total: number, prefix: string): Promise<string[]> {
    const mail = side.mail;
    const ids: string[] = [];
    for (let start = 0; start < total; start += 1000) {
      await inTransaction(ds, async (tx) => {
        for (let i = start; i < Math.min(total, start + 1000); i++) {
          const { messageId } = await mail.queueMail(tx, {
            to: `user${i}@example.com`,
            subject: `Message ${i}`,
            text: `Hello ${i}`,
            html: `<p>Hello ${i}</p>`,
            template: 'test.crash',
            idempotencyKey: `${prefix}:${i}`,
          });
          ids.push(messageId);
        }
      });
    }
    return ids;
  }

  async function start(): Promise<WorkerProcess> {
    worker = await startWorkerProcess({ ...WORKER_ENV, SMTP_URL: catcher.url });
    await worker.ready();
    return worker;
  }

  const allSent = () =>
    count(`SELECT count(*)::int AS n FROM mail_messages WHERE status <> 'sent'`);

  beforeAll(async () => {
    side = await startCommandSide();
    ds = side.ds;
    catcher = await startMailCatcher();
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
    catcher.clear();
  });

  afterEach(async () => {
    await worker?.kill('SIGKILL');
    worker = undefined;
  });

  afterAll(async () => {
    await catcher.close();
    await side.app.close();
  });

  it('delivers each of 10,000 mails once by Message-ID with the worker SIGKILLed three times', async () => {
    const started = Date.now();
    const ids = await queueMails(TOTAL, 'crash');
    const queuedIn = Date.now() - started;

    const phases: string[] = [];
    const mark = (what: string): void => {
      phases.push(`${what} +${Date.now() - started} ms (${distinctIds().size})`);
    };
    for (const threshold of KILL_AT) {
      const w = await start();
      mark('worker up');
      await waitUntil(
        () => distinctIds().size >= threshold,
        60_000,
        `${threshold} delivered`,
        20,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${w.output().slice(-4000)}`);
      });
      expect((await w.kill('SIGKILL')).signal).toBe('SIGKILL');
      mark('killed');
    }
    const last = await start();
    mark('worker up');
    await waitUntil(async () => (await allSent()) === 0, 90_000, 'every mail sent', 200).catch(
      (err: unknown) => {
        throw new Error(
          `${String(err)} (${distinctIds().size} delivered)\n${last.output().slice(-4000)}`,
        );
      },
    );
    await waitUntil(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`)) === 0,
      30_000,
      'outbox settled',
      100,
    );
    // Graceful stop: SIGTERM finishes what runs and exits 0.
    expect(await last.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    const expected = new Set(ids.map((id) => `<${id}@peerline.local>`));
    const delivered = distinctIds();
    expect(delivered.size).toBe(TOTAL);
    expect([...delivered].filter((m) => !expected.has(m))).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL`)).toBe(
      0,
    );

    // SMTP has no idempotent send: a worker killed after the server accepted a message and before
    // "sent" was stored leaves the message claimed; after the lease another worker sends it again
    // with the same Message-ID, which receivers drop. Only a job running at a kill can repeat its
    // message: at most the worker's concurrency per kill, and each such message shows a takeover.
    const repeats = catcher.messages.length - delivered.size;
    expect(repeats).toBeLessThanOrEqual(KILL_AT.length * CONCURRENCY);
    const counts = new Map<string, number>();
    for (const m of catcher.messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id.slice(1, 37));
    if (repeated.length > 0) {
      const attempts = await ds.query<{ attempts: number }[]>(
        `SELECT attempts FROM mail_messages WHERE id = ANY($1::uuid[])`,
        [repeated],
      );
      expect(attempts.every((r) => r.attempts >= 2)).toBe(true);
    }
    console.log(
      `10,000 mails: queued in ${queuedIn} ms, delivered in ${Date.now() - started - queuedIn} ms ` +
        `with ${KILL_AT.length} SIGKILLs; ${repeats} SMTP re-sends of an in-flight message (same Message-ID)\n` +
        phases.join('\n'),
    );
  }, 180_000);

  it('delivers every committed mail within 60 s after Redis lost its data mid-run', async () => {
    const total = 3000;
    const ids = await queueMails(total, 'flush');
    const w = await start();
    await waitUntil(() => distinctIds().size >= 800, 60_000, '800 delivered', 20).catch(
      (err: unknown) => {
        throw new Error(`${String(err)}\n${w.output().slice(-4000)}`);
      },
    );
    await flushRedis(TEST_REDIS_URL);
    const flushedAt = Date.now();
    expect(distinctIds().size).toBeLessThan(total);
    await waitUntil(
      async () => (await allSent()) === 0,
      60_000,
      'every mail sent after the flush',
      100,
    ).catch((err: unknown) => {
      throw new Error(
        `${String(err)} (${distinctIds().size} delivered)\n${w.output().slice(-4000)}`,
      );
    });
    const recoveredIn = Date.now() - flushedAt;
    expect(recoveredIn).toBeLessThan(60_000);
    expect(distinctIds()).toEqual(new Set(ids.map((id) => `<${id}@peerline.local>`)));
    // Nothing was in doubt here (no process died): every message reached the server once.
    expect(catcher.messages).toHaveLength(total);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE dispatch_count > 1`),
    ).toBeGreaterThan(0);
    console.log(
      `Redis flushed mid-run: the rest of ${total} mails delivered ${recoveredIn} ms later`,
    );
  }, 120_000);
});
