import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, loadEnv, type AppConfig } from '@peerline/config';
import { DbModule, inTransaction } from '@peerline/db';
import { QueueRegistry, QueueWorkerModule } from '@peerline/queue';
import {
  flushRedis,
  resetDatabase,
  startMailCatcher,
  TEST_REDIS_URL,
  waitUntil,
  type MailCatcher,
} from '@peerline/testing';
import ICAL from 'ical.js';
import { buildChatInvite } from './calendar/chat-invite';
import { MailSendInProgressError, MailSendProcessor } from './jobs/mail-send.processor';
import { MailMessageRepository } from './mail-message.repository';
import { MailService, type QueueMailInput } from './mail.service';
import { NotificationsModule } from './notifications.module';
import { NotificationsService } from './notifications.service';
import { TEMPLATE_FIXTURES } from './templates/template-fixtures';
import { mimeLeaves, splitMime } from './testing/mime-parts';

interface MessageRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

@Module({})
class MailTestModule {}

/** The worker's modules with a configuration of the test's own (SMTP_URL of the catcher). */
function testModule(config: AppConfig): DynamicModule {
  const configModule: DynamicModule = {
    module: class TestConfigModule {},
    global: true,
    providers: [{ provide: APP_CONFIG, useValue: config }],
    exports: [APP_CONFIG],
  };
  return {
    module: MailTestModule,
    imports: [configModule, DbModule, QueueWorkerModule, NotificationsModule],
  };
}

// Generous: these tests wait on a real worker, and CI machines are sometimes slow.
jest.setTimeout(30_000);

describe('mail delivery', () => {
  let catcher: MailCatcher;
  let app: INestApplicationContext;
  let ds: DataSource;
  let mail: MailService;
  const config: AppConfig = {
    ...loadEnv(),
    JOB_ATTEMPTS: 3,
    JOB_BACKOFF_MS: 10,
    OUTBOX_POLL_MS: 20,
  };

  const input = (over: Partial<QueueMailInput> = {}): QueueMailInput => ({
    to: 'ada@example.com',
    subject: 'Welcome to Peerline — café ☕',
    text: 'Hello Ada,\nyour invite is ready.',
    html: '<p>Hello Ada</p>',
    template: 'test.welcome',
    idempotencyKey: 'welcome:ada',
    ...over,
  });
  const queue = (over?: Partial<QueueMailInput>) =>
    inTransaction(ds, (tx) => mail.queueMail(tx, input(over)));
  const row = async (id: string): Promise<MessageRow | undefined> =>
    (
      await ds.query<MessageRow[]>(
        `SELECT id, status, attempts, last_error, sent_at FROM mail_messages WHERE id = $1`,
        [id],
      )
    )[0];
  const outboxSettled = async (): Promise<boolean> => {
    const [r] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL AND failed_at IS NULL`,
    );
    return r?.n === 0;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    catcher = await startMailCatcher();
    app = await NestFactory.createApplicationContext(
      testModule(Object.freeze({ ...config, SMTP_URL: catcher.url })),
      { logger: false, abortOnError: false },
    );
    ds = app.get(DataSource);
    mail = app.get(MailService);
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
    await app.init();
  });

  beforeEach(async () => {
    await waitUntil(outboxSettled, 10_000, 'previous test settled');
    await resetDatabase(ds);
    catcher.clear();
    catcher.setReplies([250]);
  });

  afterAll(async () => {
    await app?.close();
    await catcher?.close();
  });

  it('sends a queued message exactly once, with a Message-ID derived from its id', async () => {
    const { messageId, queued } = await queue();
    expect(queued).toBe(true);

    const [sent] = await catcher.waitFor((m) => m.length === 1);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    expect(sent).toMatchObject({
      from: 'Peerline <no-reply@peerline.local>',
      to: ['ada@example.com'],
      subject: 'Welcome to Peerline — café ☕',
      text: 'Hello Ada,\nyour invite is ready.',
      messageId: `<${messageId}@peerline.local>`,
    });
    expect(await row(messageId)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(catcher.messages).toHaveLength(1);
  });

  it('queues a replayed command once', async () => {
    const first = await queue();
    const second = await queue({ subject: 'A different subject' });
    expect(second).toEqual({ messageId: first.messageId, queued: false });
    await catcher.waitFor((m) => m.length === 1);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox`);
    expect(n).toBe(1);
    expect(catcher.messages).toHaveLength(1);
  });

  it('sends once when the same job runs twice', async () => {
    const { messageId } = await queue();
    await catcher.waitFor((m) => m.length === 1);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    const [outboxRow] = await ds.query<{ id: string }[]>(`SELECT id FROM outbox`);
    const outboxId = outboxRow?.id ?? '';

    // The same job delivered again under another id, as after a lost completion or a replay.
    const again = await app
      .get(QueueRegistry)
      .get('mail')
      .add(
        'mail.send',
        { payload: { messageId }, outboxId, correlationId: null, organizationId: null },
        { jobId: `${outboxId}-again` },
      );
    await waitUntil(
      async () => (await again.getState()) === 'completed',
      5_000,
      'duplicate completed',
    );

    // And the very same job run again, as BullMQ does after a stalled worker.
    const original = await app.get(QueueRegistry).get('mail').getJob(outboxId);
    expect(await original?.getState()).toBe('completed');
    await original?.retry('completed');
    await waitUntil(
      async () => (await original?.getState()) === 'completed',
      5_000,
      'rerun completed',
    );

    expect(catcher.messages).toHaveLength(1);
    expect(await row(messageId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('lets only one of several concurrent runs send', async () => {
    // A message without an outbox row, so only the runs below touch it.
    const messageId = await inTransaction(ds, (tx) =>
      app.get(MailMessageRepository).insertIfAbsent(tx, {
        organizationId: null,
        to: 'grace@example.com',
        subject: 'Concurrent',
        text: 'once',
        html: null,
        template: 'test.concurrent',
        idempotencyKey: 'concurrent:grace',
      }),
    );
    const processor = app.get(MailSendProcessor);
    const ctx = {
      jobId: 'direct',
      outboxId: '00000000-0000-4000-8000-000000000000',
      organizationId: null,
      correlationId: 'direct',
      attempt: 1,
      maxAttempts: 1,
      markProcessed: () => Promise.resolve(),
      markedProcessed: () => undefined,
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => processor.handle({ messageId: messageId ?? '' }, ctx)),
    );
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(MailSendInProgressError);
    }
    await expect(processor.handle({ messageId: messageId ?? '' }, ctx)).resolves.toBeUndefined();
    expect(catcher.messages).toHaveLength(1);
    expect(await row(messageId ?? '')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('gives each message to one claimant when two workers claim overlapping batches at once', async () => {
    // Messages without outbox rows, so the running worker leaves them alone.
    const ids = await inTransaction(ds, async (tx) => {
      const repo = app.get(MailMessageRepository);
      const out: string[] = [];
      for (let i = 0; i < 60; i++) {
        const id = await repo.insertIfAbsent(tx, {
          organizationId: null,
          to: `batch${i}@example.com`,
          subject: `Batch ${i}`,
          text: 'once',
          html: null,
          template: 'test.batch',
          idempotencyKey: `batch:${i}`,
        });
        if (id) out.push(id);
      }
      return out;
    });
    // Two repositories stand for two worker processes; each asks for every message, some twice.
    // The first asks in upper case, which a job payload may carry.
    const workers = [new MailMessageRepository(ds), new MailMessageRepository(ds)];
    const asks = workers.flatMap((repo, w) =>
      [...ids, ...ids.slice(0, 10)].map(async (id) => ({
        w,
        id,
        claim: await repo.claim(w === 0 ? id.toUpperCase() : id, 60),
      })),
    );
    const answers = await Promise.all(asks);
    const won = answers.filter((a) => a.claim !== null);
    expect(won.map((a) => a.claim?.id).sort()).toEqual([...ids].sort());
    expect(won.every((a) => a.claim?.attempt === 1)).toBe(true);

    // Each winner records its send; a stale claim (attempt 0) changes nothing.
    const marks = await Promise.all(
      won.flatMap((a) => [
        workers[a.w]?.markSent(a.id, a.claim?.attempt ?? 0),
        workers[a.w]?.markSent(a.id, 0),
      ]),
    );
    expect(marks.filter((m) => m?.sent)).toHaveLength(ids.length);
    const [{ n }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE id = ANY($1::uuid[]) AND status = 'sent' AND attempts = 1`,
      [ids],
    );
    expect(n).toBe(ids.length);
  });

  it('retries a deferred message (451) and sends it once', async () => {
    catcher.setReplies([451, 250]);
    const { messageId } = await queue({ idempotencyKey: 'deferred' });
    await catcher.waitFor((m) => m.length === 1);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    expect(catcher.attempts).toBe(2);
    expect(catcher.messages).toHaveLength(1);
    expect(await row(messageId)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('keeps a rejected message (550) failed after the last attempt, without its address', async () => {
    catcher.setReplies([550]);
    const { messageId } = await queue({ idempotencyKey: 'rejected' });
    await waitUntil(outboxSettled, 10_000, 'outbox failed');
    const [outboxRow] = await ds.query<
      { id: string; failed_at: Date | null; last_error: string | null }[]
    >(`SELECT id, failed_at, last_error FROM outbox`);
    expect(outboxRow?.failed_at).toBeInstanceOf(Date);
    const job = await app
      .get(QueueRegistry)
      .get('mail')
      .getJob(outboxRow?.id ?? '');
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(3);
    expect(job?.failedReason).toMatch(/550/);
    expect(catcher.attempts).toBe(3);
    expect(catcher.messages).toHaveLength(0);

    const message = await row(messageId);
    expect(message).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
    expect(message?.last_error).toMatch(/550/);
    for (const text of [message?.last_error, job?.failedReason, outboxRow?.last_error]) {
      expect(text).not.toMatch(/ada@example\.com/);
    }
  });

  it('delivers an invite as a text/calendar part a calendar reads, and List-Unsubscribe to members only', async () => {
    const [org] = await ds.query<{ id: string }[]>(
      `INSERT INTO organizations (slug, name, time_zone) VALUES ('acme', 'Acme', 'Europe/Berlin') RETURNING id`,
    );
    const [user] = await ds.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, name, roles) VALUES ($1, 'maria@acme.test', 'Maria', '{ambassador}') RETURNING id`,
      [org?.id],
    );
    const invite = (attendee: { name: string; email: string }) =>
      buildChatInvite({
        uid: 'b7e9c1d2-3f4a-4b5c-8d6e-7f8091a2b3c4@peerline',
        sequence: 1,
        method: 'REQUEST',
        // The last Sunday of March: 10:00 in Berlin is already summer time.
        startsAt: new Date('2026-03-29T08:00:00Z'),
        durationMinutes: 30,
        timeZone: 'Europe/Berlin',
        summary: 'Peer chat: Ada Lovelace × Maria (Acme)',
        description: 'A peer chat arranged through Peerline.',
        organizer: { name: 'Peerline', email: 'no-reply@peerline.local' },
        attendees: [attendee],
      });
    const notifications = app.get(NotificationsService);
    await inTransaction(ds, async (tx) => {
      await notifications.notify(tx, {
        organizationId: org?.id ?? '',
        recipientUserId: user?.id ?? '',
        template: 'chat-request.scheduled',
        params: TEMPLATE_FIXTURES['chat-request.scheduled'],
        idempotencyKey: 'scheduled:ambassador',
        calendar: {
          method: 'REQUEST',
          content: invite({ name: 'Maria', email: 'maria@acme.test' }),
        },
      });
      await notifications.notify(tx, {
        organizationId: org?.id ?? '',
        recipientEmail: 'ada@example.com',
        template: 'chat-request.accepted',
        params: { ...TEMPLATE_FIXTURES['chat-request.accepted'], calendarUrl: null },
        idempotencyKey: 'scheduled:requester',
        calendar: { method: 'REQUEST', content: invite({ name: 'Ada', email: 'ada@example.com' }) },
      });
    });

    const caught = await catcher.waitFor((m) => m.length === 2);
    await waitUntil(outboxSettled, 5_000, 'outbox processed');
    const byRecipient = new Map(caught.map((m) => [m.to[0], m]));
    for (const [to, name] of [
      ['maria@acme.test', 'Maria'],
      ['ada@example.com', 'Ada'],
    ] as const) {
      const raw = byRecipient.get(to)?.raw ?? '';
      const parts = mimeLeaves(raw);
      const calendarPart = parts.find((p) => /^text\/calendar/i.test(p.contentType));
      expect(calendarPart?.contentType).toMatch(/method=REQUEST/i);
      expect(parts.some((p) => /name=invite\.ics/i.test(p.contentType))).toBe(true);
      const calendar = new ICAL.Component(ICAL.parse(calendarPart?.body ?? ''));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
      expect(event.uid).toBe('b7e9c1d2-3f4a-4b5c-8d6e-7f8091a2b3c4@peerline');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-29T08:00:00.000Z');
      expect(event.attendees.map((a) => a.getParameter('cn'))).toEqual([name]);
    }
    const header = (to: string) =>
      splitMime(byRecipient.get(to)?.raw ?? '').headers.get('list-unsubscribe');
    expect(header('maria@acme.test')).toBe(
      `<${new URL('/settings/notifications', config.WEB_URL).toString()}>`,
    );
    expect(header('ada@example.com')).toBeUndefined();
    // No one-click endpoint exists, so no mail claims one.
    expect(caught.some((m) => /^List-Unsubscribe-Post:/im.test(m.raw))).toBe(false);
  });
});
