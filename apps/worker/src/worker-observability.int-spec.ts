import type { DataSource } from 'typeorm';
import { inTransaction } from '@peerline/db';
import { runWithCorrelationId } from '@peerline/observability';
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

describe('worker observability and graceful shutdown', () => {
  let side: CommandSide;
  let ds: DataSource;
  let catcher: MailCatcher;
  let worker: WorkerProcess | undefined;

  const queue = (n: number, prefix: string) =>
    inTransaction(ds, async (tx) => {
      for (let i = 0; i < n; i++) {
        await side.mail.queueMail(tx, {
          to: `obs${i}@example.com`,
          subject: `Observed ${i}`,
          text: 'hello',
          template: 'test.observe',
          idempotencyKey: `${prefix}:${i}`,
        });
      }
    });
  const status = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await ds.query<{ status: string; n: number }[]>(
          `SELECT status, count(*)::int AS n FROM mail_messages GROUP BY status`,
        )
      ).map((r) => [r.status, r.n]),
    );

  beforeAll(async () => {
    side = await startCommandSide();
    ds = side.ds;
    catcher = await startMailCatcher();
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
    catcher.clear();
    catcher.setDelay(0);
  });

  afterEach(async () => {
    await worker?.kill('SIGKILL');
    worker = undefined;
  });

  afterAll(async () => {
    await catcher.close();
    await side.app.close();
  });

  it('logs each job with the correlation id of the request that queued it, and counts jobs per name on /metrics', async () => {
    await runWithCorrelationId('req-observe-42', () => queue(3, 'corr'));
    worker = await startWorkerProcess({ SMTP_URL: catcher.url, LOG_LEVEL: 'info' });
    await worker.ready();
    await catcher.waitFor((m) => m.length === 3, 15_000);
    const w = worker;
    const lines = await waitUntil(
      () => {
        const sent = w
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{') && l.includes(' sent (attempt'))
          .map((l) => JSON.parse(l) as { correlationId?: string; msg?: string });
        return sent.length === 3 ? sent : undefined;
      },
      5_000,
      'three job log lines',
    );
    for (const line of lines) expect(line.correlationId).toBe('req-observe-42');
    // Logs name message ids, never the address or the body.
    expect(w.output()).not.toContain('obs0@example.com');

    const metrics = await (await fetch(`http://127.0.0.1:${w.port}/metrics`)).text();
    expect(metrics).toMatch(/jobs_completed_total\{queue="mail",job="mail.send",app="worker"\} 3/);
    expect(metrics).toMatch(
      /job_duration_seconds_count\{app="worker",queue="mail",job="mail.send",outcome="completed"\} 3/,
    );
    expect(metrics).toMatch(/outbox_dispatched_total\{queue="mail",app="worker"\} 3/);
  }, 60_000);

  it('finishes the jobs in flight on SIGTERM, leaves the rest queued, and a new worker sends them once', async () => {
    const total = 40;
    catcher.setDelay(400);
    await queue(total, 'graceful');
    worker = await startWorkerProcess({
      SMTP_URL: catcher.url,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '5',
      SMTP_POOL_SIZE: '5',
    });
    await worker.ready();
    await catcher.waitFor((m) => m.length >= 5, 15_000);
    const stopped = await worker.kill('SIGTERM');
    expect(stopped).toEqual({ code: 0, signal: null });
    const after = await status();
    // Nothing half-done: every claimed message was sent before the process exited.
    expect(after['sending'] ?? 0).toBe(0);
    expect(after['sent']).toBe(catcher.messages.length);
    expect(after['sent']).toBeLessThan(total);

    catcher.setDelay(0);
    worker = await startWorkerProcess({ SMTP_URL: catcher.url, LOG_LEVEL: 'warn' });
    await worker.ready();
    await waitUntil(async () => (await status())['sent'] === total, 20_000, 'all sent');
    expect(catcher.messages).toHaveLength(total);
    expect(new Set(catcher.messages.map((m) => m.messageId)).size).toBe(total);
  }, 60_000);
});
