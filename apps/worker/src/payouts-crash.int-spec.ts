import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { SCHEDULED_JOB_QUEUE } from '@peerline/contracts';
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

const REFERRERS = 24;
/** Referrers 0..2 have left the company. */
const DEPARTED = 3;
const REFERRALS = 600;
const TRANCHES = REFERRALS * 2;
/** Decided tranches at which the worker is SIGKILLed, mid-run. */
const KILL_AT = [200, 600];

const WORKER_ENV = { LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '4' };

/**
 * Issue 7's crash safety: the real worker process is SIGKILLed twice while the maturity job walks
 * 1,200 due tranches, and restarted. Every tranche must end in exactly one final state — the
 * right one for its conditions — and each forfeiture notice must reach the referrer once.
 */
describe('tranche maturity survives a killed worker', () => {
  let side: CommandSide;
  let ds: DataSource;
  let catcher: MailCatcher;
  let redis: Redis;
  let queue: Queue;
  let worker: WorkerProcess | undefined;

  const count = async (sql: string): Promise<number> =>
    (await ds.query<{ n: number }[]>(sql))[0]?.n ?? -1;
  const decided = () => count(`SELECT count(*)::int AS n FROM payouts WHERE status <> 'scheduled'`);

  beforeAll(async () => {
    side = await startCommandSide();
    ds = side.ds;
    catcher = await startMailCatcher();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(SCHEDULED_JOB_QUEUE['payouts.mature'], {
      connection: redis,
      prefix: 'peerline-test',
    });
    await resetDatabase(ds);
    await flushRedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await queue.close();
    redis.disconnect();
    await catcher.close();
    await side.app.close();
  });

  /** What a scheduler tick would add: one run of the maturity job. */
  const tick = (n: number) =>
    queue.add('payouts.mature', {}, { jobId: `mature-tick-${n}`, attempts: 1 });

  async function seed(): Promise<void> {
    const [org] = await ds.query<{ id: string }[]>(
      `INSERT INTO organizations (slug, name, time_zone) VALUES ('acme', 'Acme', 'Europe/Berlin') RETURNING id`,
    );
    const orgId = org?.id ?? '';
    await ds.query(
      `INSERT INTO users (organization_id, email, name, roles, is_active)
       SELECT $1, 'referrer' || i || '@acme.test', 'Referrer ' || i, ARRAY['ambassador'], i >= $3
         FROM generate_series(0, $2 - 1) AS i`,
      [orgId, REFERRERS, DEPARTED],
    );
    const [job] = await ds.query<{ id: string }[]>(
      `INSERT INTO jobs (organization_id, title) VALUES ($1, 'Backend Engineer') RETURNING id`,
      [orgId],
    );
    const [policy] = await ds.query<{ id: string }[]>(
      `INSERT INTO bonus_policies (organization_id, version, definition) VALUES ($1, 1, $2) RETURNING id`,
      [
        orgId,
        JSON.stringify({
          defaultAmount: { amountMinor: 100000, currency: 'EUR' },
          rules: [],
          tranches: [
            { percent: 50, daysAfterStart: 0 },
            { percent: 50, daysAfterStart: 90 },
          ],
          conditions: { referrerEmployed: true, hireEmployed: true },
          capPerReferrerPerYear: null,
          approvalThreshold: null,
        }),
      ],
    );
    // Every seventh hire left again (an un-hire after the hire).
    await ds.query(
      `INSERT INTO referrals (organization_id, job_id, referrer_id, type, candidate_name,
          candidate_email, endorsement, status, credit_status, consent_token_hash,
          consent_expires_at, consented_at, submitted_at, hired_at, start_date, unhired_at)
       SELECT $1, $2, u.id, 'warm', 'Candidate ' || i, 'candidate' || i || '@example.com', '{}',
              'hired', 'credited', md5('consent' || i), now(), now(), now(), now(), '2025-06-02',
              CASE WHEN i % 7 = 0 THEN now() END
         FROM generate_series(0, $3 - 1) AS i
         JOIN users u ON u.organization_id = $1 AND u.email = 'referrer' || (i % $4) || '@acme.test'`,
      [orgId, job?.id, REFERRALS, REFERRERS],
    );
    // Both tranches of every hire are due (start + 0 and + 90 days, in 2025).
    await ds.query(
      `INSERT INTO payouts (organization_id, referral_id, referrer_id, policy_id, policy_version,
          tranche_index, tranche_count, percent, amount_minor, currency, start_date, due_date, status)
       SELECT r.organization_id, r.id, r.referrer_id, $2, 1, t, 2, 50, 50000, 'EUR', r.start_date,
              r.start_date + 90 * t, 'scheduled'
         FROM referrals r CROSS JOIN generate_series(0, 1) AS t WHERE r.organization_id = $1`,
      [orgId, policy?.id],
    );
  }

  it('SIGKILLed twice while 1,200 tranches mature: each ends once, in the right state, with one notice', async () => {
    await seed();
    expect(await count(`SELECT count(*)::int AS n FROM payouts WHERE status = 'scheduled'`)).toBe(
      TRANCHES,
    );
    const started = Date.now();
    const phases: string[] = [];
    let ticks = 0;
    for (const threshold of KILL_AT) {
      worker = await startWorkerProcess({ ...WORKER_ENV, SMTP_URL: catcher.url });
      await worker.ready();
      await tick(++ticks);
      const w = worker;
      await waitUntil(
        async () => (await decided()) >= threshold,
        60_000,
        `${threshold} decided`,
        10,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${w.output().slice(-4000)}`);
      });
      expect((await w.kill('SIGKILL')).signal).toBe('SIGKILL');
      const atKill = await decided();
      phases.push(`killed at ${atKill} decided, +${Date.now() - started} ms`);
      // Killed mid-run: some tranches decided, others still waiting.
      expect(atKill).toBeLessThan(TRANCHES);
    }

    worker = await startWorkerProcess({ ...WORKER_ENV, SMTP_URL: catcher.url });
    await worker.ready();
    const last = worker;
    // The killed run's job comes back as stalled; the next scheduler tick would run it too.
    await tick(++ticks);
    await waitUntil(async () => (await decided()) === TRANCHES, 90_000, 'all decided', 100).catch(
      (err: unknown) => {
        throw new Error(`${String(err)}\n${last.output().slice(-4000)}`);
      },
    );
    phases.push(`all decided, +${Date.now() - started} ms`);

    // Exactly the final state the conditions call for, decided once (one maturity stamp each).
    const wrong = await ds.query<{ id: string; status: string; reason: string | null }[]>(
      `SELECT p.id, p.status, p.reason FROM payouts p
         JOIN referrals r ON r.id = p.referral_id
         JOIN users u ON u.id = p.referrer_id
        WHERE (p.status, coalesce(p.reason, '')) IS DISTINCT FROM (
                CASE WHEN r.unhired_at IS NOT NULL OR NOT u.is_active THEN 'forfeited' ELSE 'eligible' END,
                CASE WHEN r.unhired_at IS NOT NULL THEN 'The hire is no longer employed.'
                     WHEN NOT u.is_active THEN 'The referrer has left the company.'
                     ELSE '' END)
           OR p.matured_at IS NULL`,
    );
    expect(wrong).toEqual([]);
    const forfeited = await count(
      `SELECT count(*)::int AS n FROM payouts WHERE status = 'forfeited'`,
    );
    expect(forfeited).toBeGreaterThan(0);
    expect(forfeited).toBeLessThan(TRANCHES);
    // Maturity moves no money: the ledger is untouched.
    expect(await count(`SELECT count(*)::int AS n FROM ledger_entries`)).toBe(0);

    // One notice per forfeited tranche of a referrer still here; none to those who left.
    const expectedNotices = await count(
      `SELECT count(*)::int AS n FROM payouts p JOIN users u ON u.id = p.referrer_id
        WHERE p.status = 'forfeited' AND u.is_active`,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM mail_messages WHERE template = 'payout.ended'`),
    ).toBe(expectedNotices);
    await waitUntil(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM mail_messages WHERE status <> 'sent'`)) === 0,
      60_000,
      'every notice sent',
      100,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${last.output().slice(-4000)}`);
    });
    const delivered = new Set(catcher.messages.map((m) => m.messageId));
    expect(delivered.size).toBe(expectedNotices);
    expect(catcher.messages.some((m) => /referrer[0-2]@/u.test(m.to.join(',')))).toBe(false);

    // A run after the end finds nothing left to decide: no row is written again, no notice added.
    const lastWrite = async () =>
      (
        await ds.query<{ at: string | null }[]>(`SELECT max(updated_at)::text AS at FROM payouts`)
      )[0]?.at;
    const before = await lastWrite();
    await tick(++ticks);
    const finished = await queue.getJob(`mature-tick-${ticks}`);
    await waitUntil(
      async () => ((await finished?.isCompleted()) ? true : undefined),
      30_000,
      'last tick done',
    );
    expect(await lastWrite()).toBe(before);
    expect(
      await count(`SELECT count(*)::int AS n FROM mail_messages WHERE template = 'payout.ended'`),
    ).toBe(expectedNotices);
    console.log(
      `${TRANCHES} tranches matured with ${KILL_AT.length} SIGKILLs (${forfeited} forfeited, ` +
        `${expectedNotices} notices): ${phases.join('; ')}`,
    );
  }, 240_000);
});
