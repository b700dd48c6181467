import type { OrganizationView } from '@peerline/identity';
import { ReferralsService } from '@peerline/referrals';
import { ChatHarness, errorCode, type TestAmbassador } from './chat-requests.harness';
import { chatTimeCame, deliveredTo } from './chat-triage.harness';
import { consentToken as mailedConsent } from './referrals.harness';

jest.setTimeout(90_000);

const DAY = 86_400_000;

interface Referral {
  id: string;
  status: string;
  credit: {
    eligible: boolean;
    status: string | null;
    rule: string | null;
    explanation: string | null;
  };
  timeline: { status: string }[];
  referrer: { id: string; name: string };
}

describe('referrals: jobs, consent, credit, disputes', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let maria: TestAmbassador;
  let hr: string;
  let bob: { id: string; token: string };
  let hm: { id: string; token: string };
  let jobId: string;
  let otherJobId: string;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      SMTP_URL: 'smtp://127.0.0.1:9',
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '10000',
      // Many consents from 127.0.0.1; the limit itself has its own test in the referrals suite.
      REFERRAL_CONSENT_RATE_LIMIT_PER_IP: '10000',
    });
    await h.startWorker();
  });

  afterAll(async () => {
    await h.close();
  });

  const user = async (email: string, roles: ('employee' | 'hr' | 'ambassador' | 'admin')[]) => {
    const { user: u, tokens } = await h.signedIn(acme, email, roles);
    return { id: u.id, token: tokens.accessToken };
  };

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    maria = await h.ambassador(acme, 'maria@acme.test', { name: 'Maria Lopez' });
    hr = (await user('hr@acme.test', ['hr'])).token;
    bob = await user('bob@acme.test', ['employee']);
    hm = await user('hm@acme.test', ['employee']);
    const job = await h.call('POST', '/jobs', {
      token: hr,
      body: {
        title: 'Backend Engineer',
        department: 'Platform',
        level: 'Senior',
        location: 'Berlin',
        hiringManagerId: hm.id,
      },
    });
    expect(job.status).toBe(201);
    jobId = (job.body as { id: string }).id;
    const other = await h.call('POST', '/jobs', { token: hr, body: { title: 'Data Engineer' } });
    otherJobId = (other.body as { id: string }).id;
  });

  const endorsement = {
    relationship: 'worked together',
    knownForMonths: 24,
    skills: ['Kafka', 'Go'],
    evidence: 'Built our exactly-once sink.',
    statement:
      'Senior backend engineer; would own our event pipeline and raise the bar on testing from week one.',
  };

  const refer = (token: string, body: Record<string, unknown>) =>
    h.call('POST', '/referrals', {
      token,
      body: {
        jobId,
        candidate: { name: 'Ada Lovelace', email: 'Ada@Example.ORG', links: [] },
        type: 'warm',
        endorsement,
        ...body,
      },
    });

  async function consentToken(referralId: string, to = 'ada@example.org'): Promise<string> {
    const mail = await mailedConsent(h, referralId);
    expect(mail.to).toBe(to);
    return mail.token;
  }

  const consent = (token: string, decision: 'accept' | 'decline' = 'accept') =>
    h.call('POST', '/public/referrals/consent', { body: { token, decision } });

  async function referredAndConsented(
    token: string,
    body: Record<string, unknown> = {},
  ): Promise<Referral> {
    const res = await refer(token, body);
    if (res.status !== 201)
      throw new Error(`refer answered ${res.status}: ${JSON.stringify(res.body)}`);
    const { id } = res.body as { id: string };
    const email = (body.candidate as { email?: string } | undefined)?.email?.toLowerCase();
    const answered = await consent(await consentToken(id, email));
    expect(answered.status).toBe(200);
    return (await h.call('GET', `/referrals/${id}`, { token: hr })).body as Referral;
  }

  it('a completed chat becomes a conversation referral; consent by the mailed link submits it with credit', async () => {
    const chat = await deliveredTo(h, maria);
    const asMaria = { token: maria.tokens.accessToken };
    // Before the chat is completed it cannot be the basis of a referral.
    const early = await refer(maria.tokens.accessToken, {
      type: 'conversation',
      chatRequestId: chat.id,
    });
    expect(errorCode(early)).toBe('CHAT_NOT_COMPLETED');
    await h.call('POST', `/chat-requests/${chat.id}/accept`, asMaria);
    await h.call('POST', `/chat-requests/${chat.id}/schedule`, {
      ...asMaria,
      body: { startsAt: new Date(Date.now() + 2 * DAY).toISOString(), durationMinutes: 30 },
    });
    await chatTimeCame(h, chat.id);
    await h.call('POST', `/chat-requests/${chat.id}/complete`, asMaria);

    // Someone else cannot claim Maria's chat.
    const notMine = await refer(bob.token, { type: 'conversation', chatRequestId: chat.id });
    expect(errorCode(notMine)).toBe('CHAT_NOT_COMPLETED');
    const noChat = await refer(maria.tokens.accessToken, { type: 'conversation' });
    expect(errorCode(noChat)).toBe('CHAT_REQUIRED');

    const created = await refer(maria.tokens.accessToken, {
      type: 'conversation',
      chatRequestId: chat.id,
    });
    expect(created.status).toBe(201);
    const { id, status } = created.body as { id: string; status: string };
    expect(status).toBe('awaiting_consent');
    const before = (await h.call('GET', `/referrals/${id}`, asMaria)).body as Referral;
    expect(before.credit).toEqual({ eligible: false, status: null, rule: null, explanation: null });

    const token = await consentToken(id);
    const answered = await consent(token);
    expect(answered.body).toEqual({ id, status: 'submitted' });
    const replay = await consent(token);
    expect(replay.status).toBe(410);
    expect(errorCode(replay)).toBe('CONSENT_TOKEN_USED');
    const garbage = await consent('x'.repeat(43));
    expect(errorCode(garbage)).toBe('CONSENT_TOKEN_INVALID');

    const after = (await h.call('GET', `/referrals/${id}`, asMaria)).body as Referral & {
      chatRequestId: string;
      candidate: { email: string };
    };
    expect(after).toMatchObject({
      status: 'submitted',
      chatRequestId: chat.id,
      candidate: { email: 'ada@example.org' },
      credit: { eligible: true, status: 'credited', rule: 'first_valid_candidate' },
    });
    expect(after.timeline.map((t) => t.status)).toEqual(['awaiting_consent', 'submitted']);
    const told = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_messages WHERE template = 'referral.status-changed' AND to_address = 'maria@acme.test'`,
    );
    expect(told[0]?.n).toBe(1);
  });

  it('a later referral of the same candidate is a duplicate with the rule explained; a dispute overturned moves the credit', async () => {
    const first = await referredAndConsented(maria.tokens.accessToken);
    expect(first.credit.status).toBe('credited');
    const second = await referredAndConsented(bob.token, { jobId: otherJobId });
    expect(second.status).toBe('duplicate');
    expect(second.credit).toMatchObject({
      eligible: false,
      status: 'duplicate',
      rule: 'ownership_window_owned',
    });
    expect(second.credit.explanation).toMatch(
      /^maria referred this candidate for Backend Engineer on \d{1,2} \w+ \d{4}; under the 12-month ownership rule the credit stays with that referral\.$/,
    );

    // Maria cannot dispute her own credited referral, nor Bob's.
    const notAllowed = await h.call('POST', `/referrals/${first.id}/disputes`, {
      token: maria.tokens.accessToken,
      body: { reason: 'Just checking.' },
    });
    expect(errorCode(notAllowed)).toBe('DISPUTE_NOT_ALLOWED');
    const foreign = await h.call('POST', `/referrals/${second.id}/disputes`, {
      token: maria.tokens.accessToken,
      body: { reason: 'Not mine.' },
    });
    expect(foreign.status).toBe(404);

    const opened = await h.call('POST', `/referrals/${second.id}/disputes`, {
      token: bob.token,
      body: {
        reason: 'Ada applied for the data role because of my introduction, not the earlier one.',
      },
    });
    expect(opened.status).toBe(201);
    const disputeId = (opened.body as { id: string }).id;
    const twice = await h.call('POST', `/referrals/${second.id}/disputes`, {
      token: bob.token,
      body: { reason: 'Again.' },
    });
    expect(errorCode(twice)).toBe('DISPUTE_ALREADY_OPEN');
    // Only HR resolves.
    const byBob = await h.call('POST', `/disputes/${disputeId}/resolve`, {
      token: bob.token,
      body: { decision: 'overturn', note: 'I win.' },
    });
    expect(byBob.status).toBe(403);

    const resolved = await h.call('POST', `/disputes/${disputeId}/resolve`, {
      token: hr,
      body: { decision: 'overturn', note: 'The hiring team confirms Bob made the introduction.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'overturned' });
    const bobs = (await h.call('GET', `/referrals/${second.id}`, { token: bob.token }))
      .body as Referral;
    const marias = (await h.call('GET', `/referrals/${first.id}`, { token: hr })).body as Referral;
    expect(bobs.credit).toMatchObject({ status: 'credited', rule: 'dispute_overturned' });
    expect(bobs.status).toBe('submitted');
    expect(marias.credit.status).toBe('duplicate');
    const credited = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM referrals WHERE candidate_email = 'ada@example.org' AND credit_status = 'credited'`,
    );
    expect(credited[0]?.n).toBe(1);
    const audit = await h.ds.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE action LIKE 'referral.dispute%' ORDER BY created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'referral.dispute_opened',
      'referral.dispute_resolved',
    ]);
    const again = await h.call('POST', `/disputes/${disputeId}/resolve`, {
      token: hr,
      body: { decision: 'uphold', note: 'Changed my mind.' },
    });
    expect(errorCode(again)).toBe('DISPUTE_RESOLVED');
  });

  it("the job's hiring manager is ineligible and told why", async () => {
    const r = await referredAndConsented(hm.token);
    expect(r.status).toBe('ineligible');
    expect(r.credit).toMatchObject({ status: 'ineligible', rule: 'hiring_manager' });
    expect(r.credit.explanation).toContain('hiring manager');
  });

  it('refuses closed and unknown jobs, self-referrals and bad input', async () => {
    await h.call('PATCH', `/jobs/${otherJobId}`, { token: hr, body: { status: 'closed' } });
    expect(errorCode(await refer(bob.token, { jobId: otherJobId }))).toBe('JOB_NOT_OPEN');
    const unknown = await refer(bob.token, { jobId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    const self = await refer(bob.token, { candidate: { name: 'Bob', email: 'BOB@acme.test' } });
    expect(errorCode(self)).toBe('SELF_REFERRAL');
    for (const body of [
      { type: 'lukewarm' },
      { candidate: { name: 'Ada', email: 'not-an-address' } },
      { endorsement: { ...endorsement, statement: '' } },
      { surprise: true },
    ]) {
      const res = await refer(bob.token, body);
      expect([JSON.stringify(body), res.status, errorCode(res)]).toEqual([
        JSON.stringify(body),
        400,
        'VALIDATION_FAILED',
      ]);
    }
    // A forged list cursor is a 400, not a failed cast inside Postgres.
    for (const path of ['/referrals', '/jobs']) {
      for (const cursor of [
        'not-base64!',
        Buffer.from('{"t":"x","i":"y"}').toString('base64url'),
      ]) {
        const res = await h.call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, {
          token: hr,
        });
        expect([path, res.status, errorCode(res)]).toEqual([path, 400, 'VALIDATION_FAILED']);
      }
    }
    // HR cannot refer (no employee role), and an employee cannot create jobs.
    expect((await refer(hr, {})).status).toBe(403);
    expect((await h.call('POST', '/jobs', { token: bob.token, body: { title: 'X' } })).status).toBe(
      403,
    );
  });

  it('referrers see only their own referrals, HR all of the organization, other organizations nothing', async () => {
    const marias = await referredAndConsented(maria.tokens.accessToken);
    const bobs = await referredAndConsented(bob.token, {
      jobId: otherJobId,
      candidate: { name: 'Grace', email: 'grace@example.org' },
    });
    const list = async (token: string) =>
      (
        (await h.call('GET', '/referrals', { token })).body as { items: { id: string }[] }
      ).items.map((i) => i.id);
    expect(await list(bob.token)).toEqual([bobs.id]);
    expect((await list(hr)).sort()).toEqual([marias.id, bobs.id].sort());
    expect((await h.call('GET', `/referrals/${marias.id}`, { token: bob.token })).status).toBe(404);

    const globex = await h.createOrg('globex');
    const globexHr = (await h.signedIn(globex, 'hr@globex.test', ['hr'])).tokens.accessToken;
    expect(await list(globexHr)).toEqual([]);
    expect((await h.call('GET', `/referrals/${marias.id}`, { token: globexHr })).status).toBe(404);
    const jobs = (await h.call('GET', '/jobs', { token: globexHr })).body as { items: unknown[] };
    expect(jobs.items).toEqual([]);
  });

  it('200 parallel duplicate referrals of one candidate for one job: exactly one owns the credit', async () => {
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        refer(i % 2 === 0 ? bob.token : maria.tokens.accessToken, {}),
      ),
    );
    expect(created.filter((r) => r.status === 201)).toHaveLength(200);
    const ids = created.map((r) => (r.body as { id: string }).id);
    const tokens = await Promise.all(ids.map((id) => consentToken(id)));
    const answers = await Promise.all(tokens.map((t) => consent(t)));
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(0);
    const statuses = answers.map((a) => (a.body as { status: string }).status);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(199);
    const credited = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM referrals WHERE credit_status = 'credited'`,
    );
    expect(credited[0]?.n).toBe(1);
  });

  it('lapses unanswered consent requests after 14 days; the link then answers 410', async () => {
    const res = await refer(bob.token, {});
    const { id } = res.body as { id: string };
    const token = await consentToken(id);
    const service = h.worker?.get(ReferralsService);
    if (!service) throw new Error('no worker');
    expect(await service.lapseDue(new Date(Date.now() + 13 * DAY))).toBe(0);
    expect(await service.lapseDue(new Date(Date.now() + 14 * DAY + 60_000))).toBe(1);
    const late = await consent(token);
    expect(late.status).toBe(410);
    expect(errorCode(late)).toBe('CONSENT_EXPIRED');
    const r = (await h.call('GET', `/referrals/${id}`, { token: bob.token })).body as Referral;
    expect(r.status).toBe('lapsed');
  });
});

describe('referrals: the consent route’s rate limit', () => {
  let h: ChatHarness;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      SMTP_URL: 'smtp://127.0.0.1:9',
      REFERRAL_CONSENT_RATE_LIMIT_PER_IP: '3',
      // The client address comes from X-Forwarded-For, so the test can be two addresses.
      TRUST_PROXY: 'true',
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After after 3 answers from one address; another address goes on', async () => {
    await h.reset();
    const consent = (token: string, ip: string) =>
      h.call('POST', '/public/referrals/consent', {
        body: { token, decision: 'accept' },
        headers: { 'x-forwarded-for': ip },
      });
    // Unknown tokens count too: guessing is what the limit is for.
    for (let i = 0; i < 3; i++) {
      const res = await consent('x'.repeat(43), '203.0.113.7');
      expect(res.status).not.toBe(429);
    }
    const limited = await consent('x'.repeat(43), '203.0.113.7');
    expect([limited.status, errorCode(limited)]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await consent('x'.repeat(43), '198.51.100.4')).status).not.toBe(429);
  });
});
