import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, loadEnv, type AppConfig } from '@peerline/config';
import { DbModule, inTransaction } from '@peerline/db';
import {
  JobSchedulerKeeper,
  OutboxCleanupProcessor,
  QueueModule,
  QueueRegistry,
} from '@peerline/queue';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import { flushRedis, resetDatabase, TEST_REDIS_URL } from '@peerline/testing';
import { buildChatInvite } from './calendar/chat-invite';
import { DigestProcessor } from './jobs/digest.processor';
import { MailRetentionProcessor } from './jobs/mail-retention.processor';
import { NotificationsModule } from './notifications.module';
import { NotificationsService } from './notifications.service';
import { TEMPLATE_FIXTURES } from './templates/template-fixtures';

@Module({})
class NotifyTestModule {}

jest.setTimeout(30_000);

/** The command side only (no workers): what notify records, checked in Postgres. */
describe('NotificationsService.notify and the scheduled notification jobs', () => {
  let app: INestApplicationContext;
  let ds: DataSource;
  let service: NotificationsService;
  let orgId: string;
  let userId: string;
  const config: AppConfig = Object.freeze({ ...loadEnv(), DIGEST_SWEEP_EVERY_SECONDS: 60 });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await ds.query<{ n: number }[]>(sql, params))[0]?.n ?? -1;
  const delivered = (key: string, over: Partial<{ recipientUserId: string }> = {}) =>
    inTransaction(ds, (tx) =>
      service.notify(tx, {
        organizationId: orgId,
        recipientUserId: over.recipientUserId ?? userId,
        template: 'chat-request.delivered',
        params: TEMPLATE_FIXTURES['chat-request.delivered'],
        idempotencyKey: key,
      }),
    );
  const setPrefs = (values: string) =>
    ds.query(
      `INSERT INTO notification_preferences (organization_id, user_id, email_enabled, in_app_enabled, digest, digest_hour, time_zone)
       VALUES ${values}
       ON CONFLICT (user_id) DO UPDATE SET email_enabled = EXCLUDED.email_enabled,
         in_app_enabled = EXCLUDED.in_app_enabled, digest = EXCLUDED.digest,
         digest_hour = EXCLUDED.digest_hour, time_zone = EXCLUDED.time_zone`,
    );

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const configModule: DynamicModule = {
      module: class TestConfigModule {},
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
    app = await NestFactory.createApplicationContext(
      {
        module: NotifyTestModule,
        imports: [configModule, DbModule, QueueModule, NotificationsModule],
      },
      { logger: false, abortOnError: false },
    );
    await app.init();
    ds = app.get(DataSource);
    service = app.get(NotificationsService);
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    const [org] = await ds.query<{ id: string }[]>(
      `INSERT INTO organizations (slug, name, time_zone) VALUES ('acme', 'Acme', 'Europe/Berlin') RETURNING id`,
    );
    orgId = org?.id ?? '';
    const [user] = await ds.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, name, roles) VALUES ($1, 'maria@acme.test', 'Maria', '{ambassador}') RETURNING id`,
      [orgId],
    );
    userId = user?.id ?? '';
  });

  afterAll(async () => {
    await app?.close();
  });

  it('records an e-mail and an in-app notification in the caller’s transaction, once per key', async () => {
    expect(await delivered('k1')).toEqual({ email: 'queued', in_app: 'queued' });
    expect(await delivered('k1')).toEqual({ email: 'duplicate', in_app: 'duplicate' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM mail_messages WHERE template = 'chat-request.delivered'`,
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'mail.send'`)).toBe(
      1,
    );
    expect(await count(`SELECT count(*)::int AS n FROM notifications`)).toBe(1);
    const [mail] = await ds.query<{ to_address: string; text_body: string }[]>(
      `SELECT to_address, text_body FROM mail_messages`,
    );
    expect(mail?.to_address).toBe('maria@acme.test');
    // Berlin is the organization's zone and Maria has none of her own.
    expect(mail?.text_body).toContain('Tuesday, 10 March 2026 at 10:00 CET');
  });

  it('records nothing when the command rolls back', async () => {
    await expect(
      inTransaction(ds, async (tx) => {
        await service.notify(tx, {
          organizationId: orgId,
          recipientUserId: userId,
          template: 'chat-request.delivered',
          params: TEMPLATE_FIXTURES['chat-request.delivered'],
          idempotencyKey: 'rolled-back',
        });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM notifications`)).toBe(0);
  });

  it('follows preferences: digest instead of mail, channels off, deactivated users, requesters by e-mail only', async () => {
    await setPrefs(`('${orgId}', '${userId}', true, false, 'daily', 8, 'Asia/Tokyo')`);
    expect(await delivered('d1')).toEqual({ email: 'digest', in_app: 'skipped' });
    // Not digestible: goes out at once even for a digest reader.
    const paid = await inTransaction(ds, (tx) =>
      service.notify(tx, {
        organizationId: orgId,
        recipientUserId: userId,
        template: 'payout.paid',
        params: TEMPLATE_FIXTURES['payout.paid'],
        idempotencyKey: 'paid-1',
      }),
    );
    expect(paid).toEqual({ email: 'queued', in_app: 'skipped' });
    await setPrefs(`('${orgId}', '${userId}', false, true, 'immediate', 8, NULL)`);
    expect(await delivered('d2')).toEqual({ email: 'skipped', in_app: 'queued' });
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [userId]);
    expect(await delivered('d3')).toEqual({ email: 'skipped', in_app: 'skipped' });

    const requester = await inTransaction(ds, (tx) =>
      service.notify(tx, {
        organizationId: orgId,
        recipientEmail: 'ada@example.com',
        recipientTimeZone: 'America/New_York',
        template: 'chat-request.verification',
        params: TEMPLATE_FIXTURES['chat-request.verification'],
        idempotencyKey: 'verify-1',
        channels: ['email', 'in_app'],
      }),
    );
    expect(requester).toEqual({ email: 'queued', in_app: 'skipped' });
    const [mail] = await ds.query<{ text_body: string }[]>(
      `SELECT text_body FROM mail_messages WHERE to_address = 'ada@example.com'`,
    );
    // The requester's own zone, given by the caller.
    expect(mail?.text_body).toContain('Thursday, 5 March 2026 at 09:30 GMT-5');
  });

  const cancelInvite = () => ({
    method: 'CANCEL' as const,
    content: buildChatInvite({
      uid: 'r-1@peerline',
      sequence: 2,
      method: 'CANCEL',
      startsAt: new Date('2026-03-12T16:00:00Z'),
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
      summary: 'Peer chat: Ada Lovelace × Maria (Acme)',
      description: 'This chat was cancelled.',
      organizer: { name: 'Peerline', email: 'no-reply@peerline.test' },
      attendees: [{ name: 'Maria', email: 'maria@acme.test' }],
    }),
  });
  const withdrawn = (key: string, calendar: ReturnType<typeof cancelInvite> | null) =>
    inTransaction(ds, (tx) =>
      service.notify(tx, {
        organizationId: orgId,
        recipientUserId: userId,
        template: 'chat-request.withdrawn',
        params: TEMPLATE_FIXTURES['chat-request.withdrawn'],
        idempotencyKey: key,
        calendar,
      }),
    );

  it('sends a message with a calendar at once, never in the digest, with the invite and List-Unsubscribe', async () => {
    await setPrefs(`('${orgId}', '${userId}', true, true, 'daily', 8, 'Europe/Berlin')`);
    // The same digestible template waits for the digest without a calendar…
    expect(await withdrawn('w-plain', null)).toEqual({ email: 'digest', in_app: 'queued' });
    // …and goes out now with one.
    const invite = cancelInvite();
    expect(await withdrawn('w-invite', invite)).toEqual({ email: 'queued', in_app: 'queued' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification_digest_items WHERE idempotency_key = 'w-invite:digest'`,
      ),
    ).toBe(0);
    const rows = await ds.query<{ calendar: unknown; headers: unknown }[]>(
      `SELECT calendar, headers FROM mail_messages WHERE idempotency_key = 'w-invite:email'`,
    );
    expect(rows).toEqual([
      {
        calendar: invite,
        headers: {
          'List-Unsubscribe': `<${new URL('/settings/notifications', config.WEB_URL).toString()}>`,
        },
      },
    ]);
    // The in-app row carries no invite: the calendar belongs to the e-mail only.
    expect(await count(`SELECT count(*)::int AS n FROM notifications`)).toBe(2);
  });

  it('gives requester mail no List-Unsubscribe', async () => {
    await inTransaction(ds, (tx) =>
      service.notify(tx, {
        organizationId: orgId,
        recipientEmail: 'ada@example.com',
        template: 'chat-request.cancelled',
        params: TEMPLATE_FIXTURES['chat-request.cancelled'],
        idempotencyKey: 'cancelled-1',
        calendar: cancelInvite(),
      }),
    );
    const [row] = await ds.query<{ headers: unknown; method: string }[]>(
      `SELECT headers, calendar->>'method' AS method FROM mail_messages WHERE to_address = 'ada@example.com'`,
    );
    expect(row).toEqual({ headers: {}, method: 'CANCEL' });
  });

  it('refuses in the database a calendar part of another method, or one too large', async () => {
    const insert = (calendar: string) =>
      ds.query(
        `INSERT INTO mail_messages (to_address, subject, text_body, template, idempotency_key, status, attempts, calendar)
         VALUES ('a@example.com', 's', 't', 't', $1, 'pending', 0, $2::jsonb)`,
        [`raw:${calendar.length}`, calendar],
      );
    await expect(insert(JSON.stringify({ method: 'PUBLISH', content: 'x' }))).rejects.toThrow(
      /mail_messages_calendar_check/,
    );
    await expect(
      insert(JSON.stringify({ method: 'REQUEST', content: 'x'.repeat(65_537) })),
    ).rejects.toThrow(/mail_messages_calendar_check/);
    await expect(
      ds.query(
        `INSERT INTO mail_messages (to_address, subject, text_body, template, idempotency_key, status, attempts, headers)
         VALUES ('a@example.com', 's', 't', 't', 'raw:h', 'pending', 0, $1::jsonb)`,
        [JSON.stringify({ 'List-Unsubscribe': `<https://x.test/${'p'.repeat(5000)}>` })],
      ),
    ).rejects.toThrow(/mail_messages_headers_check/);
  });

  it('refuses a recipient of another organization', async () => {
    const [other] = await ds.query<{ id: string }[]>(
      `INSERT INTO organizations (slug, name) VALUES ('globex', 'Globex') RETURNING id`,
    );
    await expect(
      inTransaction(ds, (tx) =>
        service.notify(tx, {
          organizationId: other?.id ?? '',
          recipientUserId: userId,
          template: 'chat-request.delivered',
          params: TEMPLATE_FIXTURES['chat-request.delivered'],
          idempotencyKey: 'cross-org',
        }),
      ),
    ).rejects.toThrow(/not a user of the organization/);
  });

  it('makes one digest per recipient and local date, however many sweeps race for it', async () => {
    await setPrefs(`('${orgId}', '${userId}', true, true, 'daily', 0, 'Pacific/Kiritimati')`);
    for (let i = 0; i < 3; i++) await delivered(`race-${i}`);
    const digest = app.get(DigestProcessor);
    const results = await Promise.all(Array.from({ length: 8 }, () => digest.run()));
    expect(results).toHaveLength(8);
    expect(await count(`SELECT count(*)::int AS n FROM notification_digests`)).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM mail_messages WHERE template = 'digest.daily'`),
    ).toBe(1);
    const [d] = await ds.query<{ item_count: number; local_date: string }[]>(
      `SELECT item_count, to_char(local_date, 'YYYY-MM-DD') AS local_date FROM notification_digests`,
    );
    expect(d?.item_count).toBe(3);
    const [{ today }] = await ds.query<{ today: string }[]>(
      `SELECT to_char(now() AT TIME ZONE 'Pacific/Kiritimati', 'YYYY-MM-DD') AS today`,
    );
    expect(d?.local_date).toBe(today);
  });

  it('waits for the recipient’s digest hour in their own time zone', async () => {
    const [{ hour }] = await ds.query<{ hour: number }[]>(
      `SELECT extract(hour FROM now() AT TIME ZONE 'UTC')::int AS hour`,
    );
    // A zone where it is at most 20:xx now, so a 23:00 digest hour is hours away.
    const zone = hour <= 20 ? 'UTC' : 'Pacific/Honolulu';
    await setPrefs(`('${orgId}', '${userId}', true, true, 'daily', 23, '${zone}')`);
    await delivered('later-1');
    await app.get(DigestProcessor).run();
    expect(await count(`SELECT count(*)::int AS n FROM notification_digests`)).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification_digest_items WHERE digest_id IS NULL`,
      ),
    ).toBe(1);
  });

  it('purges old mail bodies and old processed outbox rows, and leaves recent ones', async () => {
    await delivered('old');
    await delivered('new');
    await ds.query(
      `UPDATE mail_messages SET status = 'sent', sent_at = now(), updated_at = now() - interval '40 days'
        WHERE idempotency_key = 'old:email'`,
    );
    await ds.query(
      `UPDATE mail_messages SET status = 'sent', sent_at = now() WHERE idempotency_key = 'new:email'`,
    );
    await ds.query(
      `UPDATE mail_messages SET calendar = '{"method":"REQUEST","content":"BEGIN:VCALENDAR"}'`,
    );
    await ds.query(`UPDATE outbox SET processed_at = now() - interval '10 days'`);
    const [fresh] = await ds.query<{ id: string }[]>(`SELECT id FROM outbox LIMIT 1`);
    await ds.query(`UPDATE outbox SET processed_at = now() WHERE id = $1`, [fresh?.id]);

    await app.get(MailRetentionProcessor).run();
    await app.get(MailRetentionProcessor).run();
    const rows = await ds.query<
      { key: string; to_address: string; text_body: string; purged: boolean }[]
    >(
      `SELECT idempotency_key AS key, to_address, text_body, purged_at IS NOT NULL AS purged
         FROM mail_messages ORDER BY idempotency_key`,
    );
    expect(rows.map((r) => [r.key, r.purged, r.to_address === ''])).toEqual([
      ['new:email', false, false],
      ['old:email', true, true],
    ]);
    expect(rows[1]?.text_body).toBe('');
    // The invite names both people and the headers may carry a personal link: both go too.
    const extras = await ds.query<{ key: string; calendar: unknown; headers: object }[]>(
      `SELECT idempotency_key AS key, calendar, headers FROM mail_messages ORDER BY idempotency_key`,
    );
    expect(extras.map((r) => [r.key, r.calendar !== null, Object.keys(r.headers)])).toEqual([
      ['new:email', true, ['List-Unsubscribe']],
      ['old:email', false, []],
    ]);

    await new OutboxCleanupProcessor(ds, config).run();
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(1);
  });

  it('registers each job scheduler once and restores them after Redis lost its data', async () => {
    await flushRedis(TEST_REDIS_URL);
    const keeper = new JobSchedulerKeeper(config, app.get(QueueRegistry));
    keeper.start(['notifications.digest', 'outbox.cleanup', 'mail.retention-purge']);
    await keeper.stop();
    expect(await keeper.ensure()).toEqual([]);
    const queue = app.get(QueueRegistry).get('default');
    expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      'mail.retention-purge',
      'notifications.digest',
      'outbox.cleanup',
    ]);
    await flushRedis(TEST_REDIS_URL);
    expect((await keeper.ensure()).sort()).toEqual([
      'mail.retention-purge',
      'notifications.digest',
      'outbox.cleanup',
    ]);
    expect(await queue.getJobSchedulersCount()).toBe(3);
  });
});
