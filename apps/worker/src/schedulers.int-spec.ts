import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@peerline/db';
import { TEMPLATE_FIXTURES } from '@peerline/notifications';
// The boundary rule has no spec exception for platform libs and apps yet; specs may use the test helpers.
import {
  flushRedis,
  resetDatabase,
  startMailCatcher,
  TEST_REDIS_URL,
  type MailCatcher,
} from '@peerline/testing';
import { startCommandSide, type CommandSide } from './notifications-context.harness';
import { startWorkerProcess, type WorkerProcess } from './worker-process.harness';

const USERS = 12;
const ITEMS = 3;
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'UTC',
  'America/Los_Angeles',
];

// Both workers tick the digest every second and re-register the schedulers every second, so
// their ticks and upserts overlap many times during the test.
const WORKER_ENV = {
  LOG_LEVEL: 'warn',
  DIGEST_SWEEP_EVERY_SECONDS: '1',
  JOB_SCHEDULER_REFRESH_SECONDS: '1',
};

describe('job schedulers in two worker processes', () => {
  let side: CommandSide;
  let ds: DataSource;
  let catcher: MailCatcher;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    side = await startCommandSide();
    ds = side.ds;
    catcher = await startMailCatcher();
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await catcher.close();
    await side.app.close();
  });

  it('sends each daily digest once, at the recipient’s local morning, however many workers tick', async () => {
    const [org] = await ds.query<{ id: string }[]>(
      `INSERT INTO organizations (slug, name, time_zone) VALUES ('acme-digest', 'Acme', 'Europe/Berlin') RETURNING id`,
    );
    const orgId = org?.id ?? '';
    const users: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const [u] = await ds.query<{ id: string }[]>(
        `INSERT INTO users (organization_id, email, name, roles) VALUES ($1, $2, $3, '{ambassador}') RETURNING id`,
        [orgId, `amb${i}@acme.test`, `Ambassador ${i}`],
      );
      users.push(u?.id ?? '');
      // Hour 0: whatever time the test runs, every recipient's local morning has passed, in
      // zones whose dates differ (Kiritimati is UTC+14).
      await ds.query(
        `INSERT INTO notification_preferences (organization_id, user_id, digest, digest_hour, time_zone)
         VALUES ($1, $2, 'daily', 0, $3)`,
        [orgId, u?.id, ZONES[i % ZONES.length]],
      );
    }
    // One ambassador who wants every mail at once: never digested.
    const [immediate] = await ds.query<{ id: string }[]>(
      `INSERT INTO users (organization_id, email, name, roles) VALUES ($1, 'now@acme.test', 'Now', '{ambassador}') RETURNING id`,
      [orgId],
    );

    const deliver = (userId: string, key: string) =>
      inTransaction(ds, (tx) =>
        side.notifications.notify(tx, {
          organizationId: orgId,
          recipientUserId: userId,
          template: 'chat-request.delivered',
          params: {
            ...TEMPLATE_FIXTURES['chat-request.delivered'],
            requesterName: `Requester ${key}`,
          },
          idempotencyKey: `delivered:${key}`,
        }),
      );
    for (const userId of users) {
      for (let n = 0; n < ITEMS; n++) {
        expect(await deliver(userId, `${userId}:${n}`)).toEqual({
          email: 'digest',
          in_app: 'queued',
        });
      }
    }
    expect(await deliver(immediate?.id ?? '', 'now')).toEqual({
      email: 'queued',
      in_app: 'queued',
    });

    for (let i = 0; i < 2; i++) {
      const w = await startWorkerProcess({ ...WORKER_ENV, SMTP_URL: catcher.url });
      workers.push(w);
    }
    await Promise.all(workers.map((w) => w.ready()));

    await catcher
      .waitFor((m) => m.length >= USERS + 1, 30_000)
      .catch((err: unknown) => {
        throw new Error(
          `${String(err)}\n${workers.map((w) => w.output().slice(-3000)).join('\n---\n')}`,
        );
      });
    // More items for today arrive after the digest went out: they wait for tomorrow's.
    await deliver(users[0] ?? '', 'late');
    // Many more ticks of both workers.
    await new Promise((r) => setTimeout(r, 5000));

    const digests = catcher.messages.filter((m) => m.subject.startsWith('Your Peerline digest'));
    expect(digests).toHaveLength(USERS);
    expect(new Set(digests.map((m) => m.to[0])).size).toBe(USERS);
    for (const d of digests) {
      expect(d.subject).toMatch(new RegExp(`: ${ITEMS} updates$`));
      expect(d.text.match(/New chat request from Requester/g)).toHaveLength(ITEMS);
    }
    expect(catcher.messages.filter((m) => m.to[0] === 'now@acme.test')).toHaveLength(1);
    expect(catcher.messages).toHaveLength(USERS + 1);

    const [state] = await ds.query<{ digests: number; waiting: number }[]>(
      `SELECT (SELECT count(*)::int FROM notification_digests) AS digests,
              (SELECT count(*)::int FROM notification_digest_items WHERE digest_id IS NULL) AS waiting`,
    );
    expect(state).toEqual({ digests: USERS, waiting: 1 });

    // One scheduler per id in Redis, though two processes upserted each about every second.
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('default', { connection: redis, prefix: 'peerline-test' });
    try {
      const keys = (await queue.getJobSchedulers()).map((s) => s.key);
      expect(keys).toEqual(
        expect.arrayContaining(['mail.retention-purge', 'notifications.digest', 'outbox.cleanup']),
      );
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  }, 90_000);
});
