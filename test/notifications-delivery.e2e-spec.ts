import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OrganizationView } from '@peerline/identity';
import { APP_CONFIG, loadEnv, type AppConfig } from '@peerline/config';
import { DbModule, inTransaction } from '@peerline/db';
import {
  NotificationsModule,
  NotificationsService,
  TEMPLATE_FIXTURES,
} from '@peerline/notifications';
import { QueueRegistry, QueueWorkerModule, retryFailedJobs } from '@peerline/queue';
import { startMailCatcher, waitUntil, type MailCatcher } from '@peerline/testing';
import { IdentityHarness, type TokenPair } from './identity.harness';

@Module({})
class TestWorkerModule {}

/** The worker's modules in this process, with the catcher as SMTP server and quick retries. */
async function startWorker(smtpUrl: string): Promise<INestApplicationContext> {
  const config: AppConfig = Object.freeze({
    ...loadEnv(),
    SMTP_URL: smtpUrl,
    JOB_ATTEMPTS: 3,
    JOB_BACKOFF_MS: 20,
    OUTBOX_POLL_MS: 20,
  });
  const configModule: DynamicModule = {
    module: class TestConfigModule {},
    global: true,
    providers: [{ provide: APP_CONFIG, useValue: config }],
    exports: [APP_CONFIG],
  };
  const app = await NestFactory.createApplicationContext(
    {
      module: TestWorkerModule,
      imports: [configModule, DbModule, QueueWorkerModule, NotificationsModule],
    },
    { logger: false, abortOnError: false },
  );
  await app.init();
  return app;
}

interface ReadyBody {
  details: {
    jobs: {
      status: string;
      failedJobs: number;
      outbox: { failed: number };
      recentFailures: { queue: string; name: string; failedReason: string; attemptsMade: number }[];
    };
  };
}

interface BoardQueues {
  queues: {
    name: string;
    counts: Record<string, number>;
    jobs: { name: string; failedReason?: string }[];
  }[];
}

describe('delivery failures are retried, kept visible and re-drivable', () => {
  let h: IdentityHarness;
  let worker: INestApplicationContext;
  let catcher: MailCatcher;
  let acme: OrganizationView;
  let admin: TokenPair;
  let hr: TokenPair;
  let root: string;
  let hook: Server;
  const hookBodies: unknown[] = [];
  let hookStatus = 200;

  const notifyRequester = (key: string) =>
    inTransaction(h.dataSource, (tx) =>
      h.app.get(NotificationsService).notify(tx, {
        organizationId: acme.id,
        recipientEmail: 'ada@example.com',
        template: 'chat-request.verification',
        params: TEMPLATE_FIXTURES['chat-request.verification'],
        idempotencyKey: `delivery:${key}`,
      }),
    );
  const outboxSettled = async (): Promise<boolean> => {
    const [r] = await h.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL AND failed_at IS NULL`,
    );
    return r?.n === 0;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    catcher = await startMailCatcher();
    h = await IdentityHarness.start();
    await h.reset();
    root = h.baseUrl.replace(/\/api\/v1$/, '');
    worker = await startWorker(catcher.url);
    acme = await h.createOrg('acme-d');
    admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens;
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens;
    hook = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hookBodies.push(JSON.parse(body) as unknown);
        res.statusCode = hookStatus;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  });

  beforeEach(async () => {
    await waitUntil(outboxSettled, 10_000, 'previous test settled');
    catcher.clear();
    catcher.setReplies([250]);
  });

  afterAll(async () => {
    await worker?.close();
    await h?.close();
    await catcher?.close();
    await new Promise((r) => hook?.close(r));
  });

  it('delivers after a retry when the server first defers (451, then 250)', async () => {
    catcher.setReplies([451, 250]);
    expect(await notifyRequester('deferred')).toEqual({ email: 'queued' });
    const [sent] = await catcher.waitFor((m) => m.length === 1, 10_000);
    expect(sent?.subject).toBe('Confirm your e-mail to send your request to Maria López');
    expect(sent?.text).toContain('Confirm my e-mail:');
    expect(catcher.attempts).toBe(2);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
  });

  it('keeps a message rejected on every attempt (550) as a failed job in /readyz and bull-board, and keeps working', async () => {
    catcher.setReplies([550]);
    await notifyRequester('rejected');
    await waitUntil(
      async () => (await worker.get(QueueRegistry).get('mail').getFailedCount()) === 1,
      10_000,
      'job failed',
    );
    expect(catcher.attempts).toBe(3);

    const ready = (await (await fetch(`${root}/readyz`)).json()) as ReadyBody;
    expect(ready.details.jobs.failedJobs).toBe(1);
    expect(ready.details.jobs.outbox.failed).toBe(1);
    expect(ready.details.jobs.recentFailures).toEqual([
      expect.objectContaining({
        queue: 'mail',
        name: 'mail.send',
        attemptsMade: 3,
        failedReason: expect.stringMatching(/550/),
      }),
    ]);
    expect(JSON.stringify(ready)).not.toContain('ada@example.com');

    const metrics = await (await fetch(`${root}/metrics`)).text();
    expect(metrics).toMatch(/queue_jobs\{queue="mail",state="failed",app="api"\} 1/);
    expect(metrics).toMatch(/outbox_failed_rows\{job="mail.send",app="api"\} 1/);

    // bull-board: admins only, by bearer token or by the cookie that ?token= sets.
    const board = `${root}/queues/api/queues?activeQueue=mail&status=failed`;
    expect((await fetch(board)).status).toBe(401);
    expect(
      (await fetch(board, { headers: { authorization: `Bearer ${hr.accessToken}` } })).status,
    ).toBe(403);
    expect((await fetch(board, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(
      401,
    );
    const res = await fetch(board, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(res.status).toBe(200);
    const mailQueue = ((await res.json()) as BoardQueues).queues.find((q) => q.name === 'mail');
    expect(mailQueue?.counts['failed']).toBe(1);
    expect(mailQueue?.jobs[0]).toMatchObject({ name: 'mail.send' });
    expect(mailQueue?.jobs[0]?.failedReason).toMatch(/550/);

    const login = await fetch(`${root}/queues?token=${admin.accessToken}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/queues');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^peerline_queues=.+; Path=\/queues; HttpOnly; SameSite=Strict/);
    const ui = await fetch(`${root}/queues`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<html');

    // No crash loop: the worker goes on with the next message.
    catcher.setReplies([250]);
    await notifyRequester('after-failure');
    await catcher.waitFor((m) => m.length === 1, 10_000);

    // jobs:retry-failed re-drives it with fresh attempts, and it is delivered once.
    const result = await retryFailedJobs(worker.get(QueueRegistry).all(), h.dataSource, {
      queue: 'mail',
    });
    expect(result).toEqual({ retried: 1, redriven: 0 });
    await catcher.waitFor((m) => m.length === 2, 10_000);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    const ready2 = (await (await fetch(`${root}/readyz`)).json()) as ReadyBody;
    expect(ready2.details.jobs.failedJobs).toBe(0);
    expect(ready2.details.jobs.outbox.failed).toBe(0);
  });

  it('posts to the organization’s chat webhook once, and records a refusing webhook as failed', async () => {
    const { port } = hook.address() as AddressInfo;
    const put = await h.call('PUT', '/settings/notifications', {
      token: admin.accessToken,
      body: { chatWebhookUrl: `http://127.0.0.1:${port}/hook/secret-part` },
    });
    expect(put.status).toBe(200);
    const [orgUser] = await h.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'hr@acme.test'`,
    );
    const notify = (key: string) =>
      inTransaction(h.dataSource, (tx) =>
        h.app.get(NotificationsService).notify(tx, {
          organizationId: acme.id,
          recipientUserId: orgUser?.id ?? '',
          template: 'referral.status-changed',
          params: { ...TEMPLATE_FIXTURES['referral.status-changed'], status: 'hired' },
          idempotencyKey: `chat:${key}`,
          channels: ['chat'],
        }),
      );
    expect(await notify('1')).toEqual({ chat: 'queued' });
    expect(await notify('1')).toEqual({ chat: 'duplicate' });
    await waitUntil(() => hookBodies.length === 1, 10_000, 'webhook called');
    expect(hookBodies[0]).toEqual({
      text: 'Referral of Grace Hopper (Staff Engineer, Compilers) ended in a hire <https://peerline.test/referrals/1|Open>',
      blocks: [
        expect.objectContaining({ type: 'section' }),
        expect.objectContaining({ type: 'actions' }),
      ],
    });

    hookStatus = 404;
    await notify('2');
    await waitUntil(
      async () => {
        const [r] = await h.dataSource.query<{ status: string; last_error: string | null }[]>(
          `SELECT status, last_error FROM chat_webhook_deliveries WHERE idempotency_key = 'chat:2:chat'`,
        );
        return r?.status === 'failed' ? r : undefined;
      },
      10_000,
      'delivery failed',
    ).then((r) => expect(r.last_error).toBe('chat webhook answered HTTP 404'));
    const [job] = await worker.get(QueueRegistry).get('default').getFailed(0, 0);
    expect(job?.failedReason).toBe('chat webhook answered HTTP 404');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).not.toContain('secret-part');
  });
});
