import type { OrganizationView } from '@peerline/identity';
import { PayoutLifecycle } from '@peerline/payouts';
import { waitUntil } from '@peerline/testing';
import { ChatHarness, errorCode, type TestAmbassador } from './chat-requests.harness';
import {
  answerConsent,
  apiBaseUrl,
  atsFixture as fixture,
  postGreenhouse,
} from './referrals.harness';

jest.setTimeout(120_000);

interface Payout {
  id: string;
  status: string;
  amount: { amountMinor: number; currency: string };
  dueDate: string;
  rule: { policyVersion: number; tranche: number; of: number; percent: number };
  approvals: string[];
  reason: string | null;
}

/**
 * From the Greenhouse hire example to a paid tranche in a payroll CSV, with the ledger balanced;
 * an un-hire cancelling the second tranche; four eyes; parallel approvals and batches.
 */
describe('payouts: policy → tranches → approval → payroll → ledger', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let admin: string;
  let hr: string;
  let hr2: string;
  let maria: TestAmbassador;
  let lifecycle: PayoutLifecycle;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      SMTP_URL: 'smtp://127.0.0.1:9',
      REFERRAL_CONSENT_RATE_LIMIT_PER_IP: '10000',
    });
    await h.startWorker();
    if (!h.worker) throw new Error('no worker');
    lifecycle = h.worker.get(PayoutLifecycle);
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens.accessToken;
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
    hr2 = (await h.signedIn(acme, 'hr2@acme.test', ['hr'])).tokens.accessToken;
    maria = await h.ambassador(acme, 'maria@acme.test', { name: 'Maria Lopez' });
  });

  const policy = (threshold: number | null) => ({
    defaultAmount: { amountMinor: 300001, currency: 'EUR' },
    rules: [
      {
        referralType: 'warm',
        department: null,
        level: null,
        amount: { amountMinor: 200001, currency: 'EUR' },
      },
    ],
    tranches: [
      { percent: 50, daysAfterStart: 0 },
      { percent: 50, daysAfterStart: 90 },
    ],
    conditions: { referrerEmployed: true, hireEmployed: true },
    capPerReferrerPerYear: null,
    approvalThreshold: threshold === null ? null : { amountMinor: threshold, currency: 'EUR' },
  });

  interface Hiring {
    connection: { id: string; secret: string };
    jobId: string;
  }

  /** A bonus policy, the job of the Greenhouse examples and a Greenhouse connection. */
  async function hiring(body: Record<string, unknown>): Promise<Hiring> {
    expect((await h.call('POST', '/bonus-policies', { token: hr, body })).status).toBe(201);
    const job = await h.call('POST', '/jobs', {
      token: hr,
      body: { title: 'Backend Engineer', atsJobId: '323753' },
    });
    const connection = (
      await h.call('POST', '/integrations', {
        token: admin,
        body: { provider: 'greenhouse', name: 'gh' },
      })
    ).body as { id: string; secret: string };
    return { connection, jobId: (job.body as { id: string }).id };
  }

  /**
   * Maria refers a candidate, the candidate consents and Greenhouse reports the hire: the vendor's
   * `hire_candidate` example as is, or with another candidate, application and start date.
   */
  async function referAndHire(
    ctx: Hiring,
    candidate: {
      first: string;
      last: string;
      email: string;
      applicationId: number;
      candidateId: number;
      startsAt: string;
    } | null = null,
    beforeHire: () => Promise<void> = async () => undefined,
  ): Promise<string> {
    const before = (await payouts()).length;
    const created = await h.call('POST', '/referrals', {
      token: maria.tokens.accessToken,
      body: {
        jobId: ctx.jobId,
        type: 'warm',
        candidate: candidate
          ? { name: `${candidate.first} ${candidate.last}`, email: candidate.email }
          : { name: 'Johnny Smith', email: 'personal@example.com' },
        endorsement: {
          relationship: 'worked together',
          skills: ['Go'],
          statement: 'Would lead our ingestion service.',
        },
      },
    });
    expect(created.status).toBe(201);
    const referralId = (created.body as { id: string }).id;
    await answerConsent(h, referralId);
    await beforeHire();
    let body = fixture('greenhouse-hire_candidate.json');
    if (candidate) {
      const hire = JSON.parse(body.toString('utf8')) as {
        payload: {
          application: {
            id: number;
            candidate: {
              id: number;
              first_name: string;
              last_name: string;
              email_addresses: { value: string; type: string }[];
            };
            offer: { starts_at: string };
          };
        };
      };
      const app = hire.payload.application;
      app.id = candidate.applicationId;
      app.candidate.id = candidate.candidateId;
      app.candidate.first_name = candidate.first;
      app.candidate.last_name = candidate.last;
      app.candidate.email_addresses = [{ value: candidate.email, type: 'personal' }];
      app.offer.starts_at = candidate.startsAt;
      body = Buffer.from(JSON.stringify(hire));
    }
    expect((await postGreenhouse(h, ctx.connection, body)).status).toBe(200);
    await waitUntil(
      async () => ((await payouts()).length === before + 2 ? true : undefined),
      20_000,
      'tranches scheduled',
    );
    return referralId;
  }

  async function hiredReferral(threshold: number | null): Promise<Hiring> {
    const ctx = await hiring(policy(threshold));
    await referAndHire(ctx);
    return ctx;
  }

  /** The referrer's mail about a payout, as queued in the state change's transaction. */
  const notices = async (key: string): Promise<{ to: string; subject: string }[]> =>
    h.ds.query(
      `SELECT to_address AS to, subject FROM mail_messages WHERE idempotency_key LIKE $1`,
      [`${key}:%`],
    );

  const payouts = async (token = hr): Promise<Payout[]> =>
    (await h.call('GET', '/payouts', { token })).body as Payout[];

  async function ledgerBalanced(): Promise<{ account: string; balanceMinor: number }[]> {
    const ledger = (await h.call('GET', '/ledger', { token: hr })).body as {
      entries: { debitMinor: number; creditMinor: number }[];
      balances: { account: string; balanceMinor: number }[];
    };
    const debit = ledger.entries.reduce((s, e) => s + e.debitMinor, 0);
    const credit = ledger.entries.reduce((s, e) => s + e.creditMinor, 0);
    expect(debit).toBe(credit);
    return ledger.balances;
  }

  it('hire example → 2 tranches (remainder in the last) → eligible → approved → CSV → paid; ledger balances', async () => {
    await hiredReferral(null);
    const [first, second] = await payouts();
    // 200001 minor split 50/50: the odd cent goes to the last tranche.
    expect(first).toMatchObject({
      status: 'scheduled',
      amount: { amountMinor: 100000, currency: 'EUR' },
      dueDate: '2015-01-23',
    });
    expect(second).toMatchObject({
      status: 'scheduled',
      amount: { amountMinor: 100001 },
      dueDate: '2015-04-23',
    });
    expect(first?.rule).toEqual({ policyVersion: 1, tranche: 1, of: 2, percent: 50 });
    // Maria sees her own payouts.
    expect((await payouts(maria.tokens.accessToken)).map((p) => p.id).sort()).toEqual(
      [first?.id, second?.id].sort(),
    );

    // Only the first is due on 2015-02-01.
    expect(await lifecycle.matureDue('2015-02-01')).toEqual({ eligible: 1, forfeited: 0 });
    const early = await h.call('POST', `/payouts/${second?.id}/approve`, { token: hr });
    expect(errorCode(early)).toBe('ILLEGAL_TRANSITION');
    const approved = await h.call('POST', `/payouts/${first?.id}/approve`, {
      token: hr,
      headers: { 'idempotency-key': 'a-1' },
    });
    expect(approved.body).toMatchObject({ status: 'approved' });
    const replay = await h.call('POST', `/payouts/${first?.id}/approve`, {
      token: hr,
      headers: { 'idempotency-key': 'a-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(approved.body);
    // Maria hears it once, however often the approval is replayed.
    expect(await notices(`payout.approved:${first?.id}`)).toEqual([
      { to: 'maria@acme.test', subject: 'Your referral bonus of €1,000.00 was approved' },
    ]);

    const batch = await h.call('POST', '/payroll-batches', { token: hr });
    expect(batch.status).toBe(201);
    const { id: batchId, csvUrl } = batch.body as { id: string; csvUrl: string };
    expect(csvUrl).toContain(`/payroll-batches/${batchId}.csv`);
    const csv = await h.call('GET', `/payroll-batches/${batchId}.csv`, { token: hr });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await (
      await fetch(`${apiBaseUrl(h)}/api/v1/payroll-batches/${batchId}.csv`, {
        headers: { authorization: `Bearer ${hr}` },
      })
    ).text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('employee_id,name,amount,currency,reference,referral_id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${maria.user.id},maria,1000.00,EUR,payout:${first?.id}`);
    expect((await h.call('POST', '/payroll-batches', { token: hr })).status).toBe(409);

    const paid = await h.call('POST', `/payroll-batches/${batchId}/mark-paid`, { token: hr });
    expect(paid.body).toMatchObject({ status: 'paid' });
    const paidAgain = await h.call('POST', `/payroll-batches/${batchId}/mark-paid`, { token: hr });
    expect(paidAgain.body).toMatchObject({ status: 'paid' });
    expect((await payouts()).find((p) => p.id === first?.id)?.status).toBe('paid');
    expect(await notices(`payout.paid:${first?.id}`)).toEqual([
      { to: 'maria@acme.test', subject: 'Your referral bonus of €1,000.00 was paid' },
    ]);
    const balances = await ledgerBalanced();
    expect(balances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account: 'bonus_expense', balanceMinor: 100000 }),
        expect.objectContaining({ account: 'bonus_payable', balanceMinor: 0 }),
        expect.objectContaining({ account: 'cash', balanceMinor: -100000 }),
      ]),
    );
    const rows = await h.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(rows[0]?.n).toBe(4);
    // Append-only: the database refuses to change a ledger row.
    await expect(h.ds.query(`UPDATE ledger_entries SET debit_minor = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(h.ds.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
  });

  it('an un-hire inside probation cancels the second tranche; the paid-out first stays', async () => {
    const { connection } = await hiredReferral(null);
    await lifecycle.matureDue('2015-02-01');
    const [first, second] = await payouts();
    await h.call('POST', `/payouts/${first?.id}/approve`, { token: hr });
    const batch = await h.call('POST', '/payroll-batches', { token: hr });
    const batchId = (batch.body as { id: string }).id;
    await h.call('POST', `/payroll-batches/${batchId}/mark-paid`, { token: hr });

    const unhire = JSON.parse(fixture('greenhouse-unhire_candidate.json').toString('utf8')) as {
      payload: { application: { id: number; candidate: { id: number } } };
    };
    unhire.payload.application.id = 46194062;
    unhire.payload.application.candidate.id = 35897443;
    expect((await postGreenhouse(h, connection, Buffer.from(JSON.stringify(unhire)))).status).toBe(
      200,
    );
    await waitUntil(
      async () =>
        (await payouts()).find((p) => p.id === second?.id)?.status === 'cancelled'
          ? true
          : undefined,
      20_000,
      'second tranche cancelled',
    );
    const after = await payouts();
    expect(after.find((p) => p.id === second?.id)).toMatchObject({
      status: 'cancelled',
      reason: expect.stringContaining('un-hire'),
    });
    // Paid money stays paid: the ledger keeps the expense and the cash that left.
    expect(after.find((p) => p.id === first?.id)?.status).toBe('paid');
    expect(await ledgerBalanced()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account: 'bonus_expense', balanceMinor: 100000 }),
        expect.objectContaining({ account: 'bonus_payable', balanceMinor: 0 }),
        expect.objectContaining({ account: 'cash', balanceMinor: -100000 }),
      ]),
    );
    expect(await notices(`payout.ended:${second?.id}`)).toEqual([
      { to: 'maria@acme.test', subject: 'A tranche of your referral bonus was cancelled' },
    ]);
    // Maturity later finds nothing left to decide for this hire.
    expect(await lifecycle.matureDue('2016-01-01')).toEqual({ eligible: 0, forfeited: 0 });
  });

  it('a referral keeps the policy version in force when it was submitted', async () => {
    const ctx = await hiring(policy(null));
    // HR raises the bonus after Maria's referral was submitted, before the hire.
    await referAndHire(ctx, null, async () => {
      const v2 = await h.call('POST', '/bonus-policies', {
        token: hr,
        body: {
          ...policy(null),
          rules: [],
          defaultAmount: { amountMinor: 500000, currency: 'EUR' },
          tranches: [{ percent: 100, daysAfterStart: 30 }],
        },
      });
      expect(v2.body).toMatchObject({ version: 2 });
    });
    const tranches = await payouts();
    expect(tranches.map((p) => [p.rule.policyVersion, p.amount.amountMinor])).toEqual([
      [1, 100000],
      [1, 100001],
    ]);
    const versions = (await h.call('GET', '/bonus-policies', { token: hr })).body as {
      version: number;
    }[];
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('an approved, not yet exported tranche cancelled by HR is reversed in the ledger', async () => {
    await hiredReferral(null);
    await lifecycle.matureDue('2015-02-01');
    const [first] = await payouts();
    await h.call('POST', `/payouts/${first?.id}/approve`, { token: hr });
    const empty = await h.call('POST', `/payouts/${first?.id}/cancel`, {
      token: hr,
      body: { reason: '   ' },
    });
    expect([empty.status, errorCode(empty)]).toEqual([400, 'VALIDATION_FAILED']);
    const cancelled = await h.call('POST', `/payouts/${first?.id}/cancel`, {
      token: hr,
      body: { reason: 'Referral bonus paid outside Peerline.' },
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      reason: 'Referral bonus paid outside Peerline.',
    });
    const again = await h.call('POST', `/payouts/${first?.id}/cancel`, {
      token: hr,
      body: { reason: 'twice' },
    });
    expect([again.status, errorCode(again)]).toEqual([409, 'ILLEGAL_TRANSITION']);
    for (const b of await ledgerBalanced()) expect(b.balanceMinor).toBe(0);
    expect(await notices(`payout.ended:${first?.id}`)).toHaveLength(1);
    expect((await h.call('POST', '/payroll-batches', { token: hr })).status).toBe(409);
  });

  it('forfeits a due tranche when the referrer has left, and tells nobody who is gone', async () => {
    await hiredReferral(null);
    await h.ds.query(`UPDATE users SET is_active = false WHERE email = 'maria@acme.test'`);
    expect(await lifecycle.matureDue('2015-02-01')).toEqual({ eligible: 0, forfeited: 1 });
    const [first, second] = await payouts();
    expect(first).toMatchObject({
      status: 'forfeited',
      reason: 'The referrer has left the company.',
    });
    expect(second?.status).toBe('scheduled');
    // A deactivated user is sent nothing.
    expect(await notices(`payout.ended:${first?.id}`)).toEqual([]);
  });

  it('caps a referrer’s bonuses per year, even when two hires are scheduled at once; forecasts the rest by month', async () => {
    // Both hires start next month, so the forecast from today sees every tranche.
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 5));
    const startsAt = start.toISOString().slice(0, 10);
    const ctx = await hiring({
      ...policy(null),
      capPerReferrerPerYear: { amountMinor: 250000, currency: 'EUR' },
    });
    const people = [
      {
        first: 'Ada',
        last: 'Lovelace',
        email: 'ada@example.com',
        applicationId: 9001,
        candidateId: 8001,
      },
      {
        first: 'Grace',
        last: 'Hopper',
        email: 'grace@example.com',
        applicationId: 9002,
        candidateId: 8002,
      },
      {
        first: 'Alan',
        last: 'Turing',
        email: 'alan@example.com',
        applicationId: 9003,
        candidateId: 8003,
      },
    ];
    const referrals: string[] = [];
    for (const p of people) referrals.push(await referAndHire(ctx, { ...p, startsAt }));

    const totals = async () =>
      (
        await h.ds.query<{ referral_id: string; total: string; statuses: string[] }[]>(
          `SELECT referral_id, sum(amount_minor)::text AS total, array_agg(status ORDER BY tranche_index) AS statuses
             FROM payouts GROUP BY referral_id`,
        )
      ).reduce<Record<string, { total: number; statuses: string[] }>>(
        (acc, r) => ({ ...acc, [r.referral_id]: { total: Number(r.total), statuses: r.statuses } }),
        {},
      );
    const [a, b, c] = referrals;
    // 200001 + 49999 = the cap; the third hire is left nothing, recorded as forfeited.
    expect(await totals()).toEqual({
      [a ?? '']: { total: 200001, statuses: ['scheduled', 'scheduled'] },
      [b ?? '']: { total: 49999, statuses: ['scheduled', 'scheduled'] },
      [c ?? '']: { total: 0, statuses: ['forfeited', 'forfeited'] },
    });
    expect((await payouts()).filter((p) => p.status === 'forfeited')[0]?.reason).toMatch(/cap/);

    // Scheduled again, in parallel and in either order: the cap still holds for the pair.
    for (let round = 0; round < 5; round++) {
      await h.ds.query(`DELETE FROM payouts`);
      const order = round % 2 === 0 ? referrals : [...referrals].reverse();
      await Promise.all(order.map((id) => lifecycle.scheduleForHire(id)));
      const t = await totals();
      expect(Object.values(t).reduce((s, x) => s + x.total, 0)).toBe(250000);
      expect(Object.values(t).filter((x) => x.total === 200001)).toHaveLength(1);
    }

    const forecast = await h.call('GET', '/bonus-forecast?months=6', { token: hr });
    expect(forecast.status).toBe(200);
    const due2 = new Date(start.getTime() + 90 * 86_400_000).toISOString().slice(0, 7);
    const items = (
      forecast.body as { items: { month: string; amountMinor: number; count: number }[] }
    ).items;
    const byMonth = items.reduce<Record<string, { amountMinor: number; count: number }>>(
      (acc, i) => ({
        ...acc,
        [i.month]: {
          amountMinor: (acc[i.month]?.amountMinor ?? 0) + i.amountMinor,
          count: (acc[i.month]?.count ?? 0) + i.count,
        },
      }),
      {},
    );
    // Half of each non-zero bonus at the start, the rest 90 days later; forfeited ones not at all.
    const firstHalf = await h.ds.query<{ s: string }[]>(
      `SELECT sum(amount_minor)::text AS s FROM payouts WHERE tranche_index = 0 AND status = 'scheduled'`,
    );
    expect(byMonth[startsAt.slice(0, 7)]).toEqual({
      amountMinor: Number(firstHalf[0]?.s),
      count: 2,
    });
    expect(byMonth[due2]).toEqual({ amountMinor: 250000 - Number(firstHalf[0]?.s), count: 2 });
    expect(Object.keys(byMonth)).toHaveLength(2);
    expect(items.every((i) => i.amountMinor > 0)).toBe(true);

    const tooFar = await h.call('GET', '/bonus-forecast?months=0', { token: hr });
    expect([tooFar.status, errorCode(tooFar)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      (await h.call('GET', '/bonus-forecast', { token: maria.tokens.accessToken })).status,
    ).toBe(403);
  });

  it('four eyes above the threshold: the same HR user twice is refused, a second approver approves', async () => {
    await hiredReferral(50000);
    await lifecycle.matureDue('2015-02-01');
    const [first] = await payouts();
    const once = await h.call('POST', `/payouts/${first?.id}/approve`, { token: hr });
    expect(once.body).toMatchObject({ status: 'eligible' });
    const twice = await h.call('POST', `/payouts/${first?.id}/approve`, { token: hr });
    expect(twice.status).toBe(409);
    expect(errorCode(twice)).toBe('FOUR_EYES_SAME_APPROVER');
    const second = await h.call('POST', `/payouts/${first?.id}/approve`, { token: hr2 });
    expect(second.body).toMatchObject({ status: 'approved' });
    expect((second.body as Payout).approvals).toHaveLength(2);
  });

  it('200 parallel approvals of one tranche: one approval, two ledger rows, no 5xx', async () => {
    await hiredReferral(null);
    await lifecycle.matureDue('2015-02-01');
    const [first] = await payouts();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.call('POST', `/payouts/${first?.id}/approve`, {
          token: hr,
          headers: i % 2 === 0 ? { 'idempotency-key': 'same-key' } : {},
        }),
      ),
    );
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    for (const r of results) expect([200, 409]).toContain(r.status);
    const approvals = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payout_approvals`,
    );
    expect(approvals[0]?.n).toBe(1);
    const ledger = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ledger_entries`,
    );
    expect(ledger[0]?.n).toBe(2);
  });

  it('two payroll batches created in parallel never share a tranche', async () => {
    await hiredReferral(null);
    await lifecycle.matureDue('2015-06-01');
    for (const p of await payouts())
      await h.call('POST', `/payouts/${p.id}/approve`, { token: hr });
    const [a, b] = await Promise.all([
      h.call('POST', '/payroll-batches', { token: hr }),
      h.call('POST', '/payroll-batches', { token: hr }),
    ]);
    const batches = await h.ds.query<{ batch_id: string; n: number }[]>(
      `SELECT batch_id, count(*)::int AS n FROM payouts WHERE batch_id IS NOT NULL GROUP BY batch_id`,
    );
    expect(batches.reduce((s, x) => s + x.n, 0)).toBe(2);
    expect([a?.status, b?.status].sort()).toEqual(batches.length === 2 ? [201, 201] : [201, 409]);
  });

  it('refuses invalid policies with 400 and the failing fields, storing nothing', async () => {
    const good = policy(null);
    for (const body of [
      {
        ...good,
        tranches: [
          { percent: 60, daysAfterStart: 0 },
          { percent: 30, daysAfterStart: 90 },
        ],
      },
      { ...good, defaultAmount: { amountMinor: 1.5, currency: 'EUR' } },
      { ...good, defaultAmount: { amountMinor: 100, currency: 'USD' } },
      { ...good, surprise: true },
      [],
    ]) {
      const res = await h.call('POST', '/bonus-policies', { token: hr, body });
      expect([res.status, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await h.call('GET', '/bonus-policies', { token: hr })).body).toEqual([]);
  });

  it('referrers cannot approve and other organizations see nothing', async () => {
    await hiredReferral(null);
    await lifecycle.matureDue('2015-02-01');
    const [first] = await payouts();
    expect(
      (await h.call('POST', `/payouts/${first?.id}/approve`, { token: maria.tokens.accessToken }))
        .status,
    ).toBe(403);
    const globex = await h.createOrg('globex');
    const globexHr = (await h.signedIn(globex, 'hr@globex.test', ['hr'])).tokens.accessToken;
    expect(await payouts(globexHr)).toEqual([]);
    expect(
      (await h.call('POST', `/payouts/${first?.id}/approve`, { token: globexHr })).status,
    ).toBe(404);
  });
});
