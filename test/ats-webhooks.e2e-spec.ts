import type { OrganizationView } from '@peerline/identity';
import { waitUntil } from '@peerline/testing';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { ChatHarness, errorCode, type TestAmbassador } from './chat-requests.harness';
import { chatTimeCame, deliveredTo } from './chat-triage.harness';
import {
  answerConsent,
  apiBaseUrl,
  consentToken,
  ATS_FIXTURES as FIXTURES,
  atsFixture as fixture,
  hmacHex as sign,
  postGreenhouse as postSigned,
} from './referrals.harness';

jest.setTimeout(90_000);

const DAY = 86_400_000;

interface Connection {
  id: string;
  webhookUrl: string;
  secret: string;
}

describe('ATS webhooks: signed intake, de-duplication, processing into referrals', () => {
  let h: ChatHarness;
  let acme: OrganizationView;
  let admin: string;
  let hr: string;
  let maria: TestAmbassador;

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

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens.accessToken;
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
    maria = await h.ambassador(acme, 'maria@acme.test', { name: 'Maria Lopez' });
  });

  async function connect(
    provider: 'greenhouse' | 'lever' | 'ashby',
    token = admin,
  ): Promise<Connection> {
    const res = await h.call('POST', '/integrations', {
      token,
      body: { provider, name: `${provider} prod` },
    });
    expect(res.status).toBe(201);
    return res.body as Connection;
  }

  const postGreenhouse = (
    c: Connection,
    body: Buffer,
    opts: { eventId?: string; signature?: string | null } = {},
  ) => postSigned(h, c, body, opts);
  const baseUrl = (): string => apiBaseUrl(h);

  const events = async (c: Connection) =>
    (await h.call('GET', `/integrations/${c.id}/events`, { token: admin })).body as {
      eventType: string;
      status: string;
      error: string | null;
    }[];

  const storedEvents = async (): Promise<number> =>
    (await h.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ats_events`))[0]?.n ?? 0;

  it('accepts every signed Greenhouse example, refuses a changed byte with 401 (nothing stored), acknowledges replays once', async () => {
    const c = await connect('greenhouse');
    expect(c.webhookUrl).toContain(`/api/v1/integrations/${c.id}/webhook`);
    const names = readdirSync(FIXTURES).filter((f) => f.startsWith('greenhouse-'));
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const res = await postGreenhouse(c, fixture(name));
      expect([name, res.status]).toEqual([name, 200]);
    }
    expect(await storedEvents()).toBe(names.length);

    const body = fixture('greenhouse-hire_candidate.json');
    const tampered = Buffer.from(body);
    const at = tampered.indexOf('hire_candidate');
    tampered[at] = 'H'.charCodeAt(0);
    const bad = await postGreenhouse(c, tampered, { signature: `sha256 ${sign(c.secret, body)}` });
    expect(bad.status).toBe(401);
    expect((bad.body as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    const missing = await postGreenhouse(c, body, { signature: null });
    expect(missing.status).toBe(401);
    expect(await storedEvents()).toBe(names.length);

    const eventId = randomUUID();
    const first = await postGreenhouse(c, fixture('greenhouse-job_created.json'), { eventId });
    const replay = await postGreenhouse(c, fixture('greenhouse-job_created.json'), { eventId });
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true, duplicate: true });
    expect(await storedEvents()).toBe(names.length + 1);

    // The worker processes them; webhook health shows the counts.
    await waitUntil(
      async () => (await events(c)).every((e) => e.status !== 'received'),
      20_000,
      'processing',
    );
    const list = await events(c);
    expect(list.filter((e) => e.status === 'failed')).toEqual([]);
    expect(list.map((e) => e.eventType)).toContain('hire_candidate');
    const jobs = (await h.call('GET', '/jobs', { token: hr })).body as {
      items: { atsJobId: string | null }[];
    };
    expect(jobs.items.some((j) => j.atsJobId !== null)).toBe(true);
    const [health] = (await h.call('GET', '/integrations', { token: admin })).body as {
      health: { received: number; processed: number; failed: number };
    }[];
    expect(health?.health).toMatchObject({
      received: names.length + 1,
      processed: names.length + 1,
      failed: 0,
    });
  });

  it('refuses the not-strict-JSON Lever example with 400 and a Lever signature from another token with 401', async () => {
    const c = await connect('lever');
    const res = await fetch(new URL(`/api/v1/integrations/${c.id}/webhook`, baseUrl()).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixture('lever-candidateStageChange.json'),
    });
    expect(res.status).toBe(400);
    const hired = JSON.parse(
      fixture('lever-webhook-test-request-candidateHired.json').toString('utf8'),
    ) as Record<string, unknown>;
    const triggeredAt = Date.now();
    const token = randomUUID();
    const body = {
      ...hired,
      token,
      triggeredAt,
      signature: sign('not-the-secret', Buffer.from(`${token}${triggeredAt}`)),
    };
    const forged = await fetch(
      new URL(`/api/v1/integrations/${c.id}/webhook`, baseUrl()).toString(),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    expect(forged.status).toBe(401);
    const good = { ...body, signature: sign(c.secret, Buffer.from(`${token}${triggeredAt}`)) };
    const ok = await fetch(new URL(`/api/v1/integrations/${c.id}/webhook`, baseUrl()).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(good),
    });
    expect(ok.status).toBe(200);
    // The same signed token on another event id is a replayed signature.
    const replayed = await fetch(
      new URL(`/api/v1/integrations/${c.id}/webhook`, baseUrl()).toString(),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...good, id: randomUUID() }),
      },
    );
    expect(replayed.status).toBe(401);
    expect(await storedEvents()).toBe(1);

    // Tokens are kept only as long as they could be replayed: an old one goes with the next
    // delivery, the fresh ones stay.
    await h.ds.query(
      `INSERT INTO ats_replay_tokens (connection_id, token, seen_at) VALUES ($1, 'old', now() - interval '2 hours')`,
      [c.id],
    );
    const next = randomUUID();
    const at = Date.now();
    const another = await fetch(
      new URL(`/api/v1/integrations/${c.id}/webhook`, baseUrl()).toString(),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...hired,
          id: randomUUID(),
          token: next,
          triggeredAt: at,
          signature: sign(c.secret, Buffer.from(`${next}${at}`)),
        }),
      },
    );
    expect(another.status).toBe(200);
    const tokens = await h.ds.query<{ token: string }[]>(
      `SELECT token FROM ats_replay_tokens WHERE connection_id = $1 ORDER BY token`,
      [c.id],
    );
    expect(tokens.map((t) => t.token)).toEqual([token, next].sort());
  });

  it('completed chat → conversation referral → consent → Greenhouse hire → hired, conversion, payout event; un-hire → reversal', async () => {
    const c = await connect('greenhouse');
    const job = await h.call('POST', '/jobs', {
      token: hr,
      body: { title: 'Backend Engineer', atsJobId: '323753' },
    });
    const jobId = (job.body as { id: string }).id;

    const chat = await deliveredTo(h, maria);
    const asMaria = { token: maria.tokens.accessToken };
    await h.call('POST', `/chat-requests/${chat.id}/accept`, asMaria);
    await h.call('POST', `/chat-requests/${chat.id}/schedule`, {
      ...asMaria,
      body: { startsAt: new Date(Date.now() + 2 * DAY).toISOString(), durationMinutes: 30 },
    });
    await chatTimeCame(h, chat.id);
    await h.call('POST', `/chat-requests/${chat.id}/complete`, asMaria);
    const created = await h.call('POST', '/referrals', {
      ...asMaria,
      body: {
        jobId,
        type: 'conversation',
        chatRequestId: chat.id,
        // The candidate's address as the ATS example carries it.
        candidate: { name: 'Johnny Smith', email: 'personal@example.com' },
        endorsement: {
          relationship: 'peer chat',
          skills: ['Go'],
          statement: 'Strong backend engineer; would lead our ingestion service.',
        },
      },
    });
    const referralId = (created.body as { id: string }).id;
    const consent = await answerConsent(h, referralId);
    expect(consent.body).toMatchObject({ status: 'submitted' });

    // Another organization's webhook cannot touch this referral.
    const globex = await h.createOrg('globex');
    const globexAdmin = (await h.signedIn(globex, 'admin@globex.test', ['admin'])).tokens
      .accessToken;
    const foreign = await connect('greenhouse', globexAdmin);
    expect((await postGreenhouse(foreign, fixture('greenhouse-hire_candidate.json'))).status).toBe(
      200,
    );
    expect(
      (await h.call('GET', `/integrations/${foreign.id}/events`, { token: admin })).status,
    ).toBe(404);
    await waitUntil(async () => (await events(foreign)).length === 0 || true, 1000);

    const hire = await postGreenhouse(c, fixture('greenhouse-hire_candidate.json'));
    expect(hire.status).toBe(200);
    const hired = await waitUntil(
      async () => {
        const r = (await h.call('GET', `/referrals/${referralId}`, asMaria)).body as {
          status: string;
        };
        return r.status === 'hired' ? r : undefined;
      },
      20_000,
      'referral hired',
    );
    expect(hired).toMatchObject({ status: 'hired' });
    const facts = await h.ds.query<{ start_date: string; ats_application_id: string }[]>(
      `SELECT start_date::text AS start_date, ats_application_id FROM referrals WHERE id = $1`,
      [referralId],
    );
    expect(facts[0]).toEqual({ start_date: '2015-01-23', ats_application_id: `${c.id}:46194062` });
    const conversion = await waitUntil(
      async () =>
        (
          await h.ds.query<{ chat_request_id: string; reversed_at: Date | null }[]>(
            `SELECT chat_request_id, reversed_at FROM referral_conversions WHERE referral_id = $1`,
            [referralId],
          )
        )[0],
      20_000,
      'conversion',
    );
    expect(conversion).toEqual({ chat_request_id: chat.id, reversed_at: null });
    const payoutEvents = await h.ds.query<{ job_name: string }[]>(
      `SELECT job_name FROM outbox WHERE job_name LIKE 'referral.%' ORDER BY created_at`,
    );
    expect(payoutEvents.map((e) => e.job_name)).toEqual(['referral.hired']);
    // The credited_to of the example (Robert Johnson) is not Maria: flagged for HR, no money moved.
    const hires = await h.ds.query<{ referral_id: string | null; credited_to_mismatch: boolean }[]>(
      `SELECT referral_id, credited_to_mismatch FROM ats_hires WHERE connection_id = $1`,
      [c.id],
    );
    expect(hires).toEqual([{ referral_id: referralId, credited_to_mismatch: true }]);
    // HR sees it, and whom the ATS names instead of Maria.
    const mismatches = await h.call('GET', `/integrations/${c.id}/hires?mismatch=true`, {
      token: hr,
    });
    expect(mismatches.status).toBe(200);
    expect(mismatches.body).toEqual([
      expect.objectContaining({
        referralId,
        referrer: { id: maria.user.id, name: 'maria' },
        atsJobId: '323753',
        startDate: '2015-01-23',
        creditedToMismatch: true,
        creditedTo: { name: 'Robert Johnson', email: 'bob_johnson1@localhost.com' },
        unhiredAt: null,
      }),
    ]);
    const bad = await h.call('GET', `/integrations/${c.id}/hires?mismatch=maybe`, { token: hr });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      (await h.call('GET', `/integrations/${c.id}/hires`, { token: maria.tokens.accessToken }))
        .status,
    ).toBe(403);
    // The foreign organization's hire was recorded there, not matched to our referral.
    const foreignHires = await h.ds.query<{ referral_id: string | null }[]>(
      `SELECT referral_id FROM ats_hires WHERE connection_id = $1`,
      [foreign.id],
    );
    expect(foreignHires).toEqual([{ referral_id: null }]);
    expect((await h.call('GET', `/integrations/${foreign.id}/hires`, { token: hr })).status).toBe(
      404,
    );

    // A replay of the hire (same event id) or the same hire again adds nothing.
    const again = await postGreenhouse(c, fixture('greenhouse-hire_candidate.json'));
    expect(again.status).toBe(200);
    await waitUntil(
      async () => (await events(c)).every((e) => e.status !== 'received'),
      20_000,
      'processing',
    );
    const hiredEvents = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'referral.hired'`,
    );
    expect(hiredEvents[0]?.n).toBe(1);

    // The un-hire example, about the same application.
    const unhire = JSON.parse(fixture('greenhouse-unhire_candidate.json').toString('utf8')) as {
      payload: { application: { id: number; candidate: { id: number } } };
    };
    unhire.payload.application.id = 46194062;
    unhire.payload.application.candidate.id = 35897443;
    const unhired = await postGreenhouse(c, Buffer.from(JSON.stringify(unhire)));
    expect(unhired.status).toBe(200);
    await waitUntil(
      async () =>
        (
          await h.ds.query<{ reversed_at: Date | null }[]>(
            `SELECT reversed_at FROM referral_conversions WHERE referral_id = $1`,
            [referralId],
          )
        )[0]?.reversed_at ?? undefined,
      20_000,
      'conversion reversed',
    );
    const after = (await h.call('GET', `/referrals/${referralId}`, asMaria)).body as {
      status: string;
      closingReason: string;
    };
    expect(after).toMatchObject({
      status: 'withdrawn',
      closingReason: 'The hire was reversed in the ATS.',
    });
    const all = await h.ds.query<{ job_name: string }[]>(
      `SELECT job_name FROM outbox WHERE job_name LIKE 'referral.%' ORDER BY created_at`,
    );
    expect(all.map((e) => e.job_name)).toEqual(['referral.hired', 'referral.unhired']);
  });

  it('a candidate who asked for a closing note gets one when the ATS ends the application, without the internal reason', async () => {
    const c = await connect('greenhouse');
    const refer = async (atsJobId: string, name: string, email: string, closingNote: boolean) => {
      const job = await h.call('POST', '/jobs', {
        token: hr,
        body: { title: `Engineer ${atsJobId}`, atsJobId },
      });
      const created = await h.call('POST', '/referrals', {
        token: maria.tokens.accessToken,
        body: {
          jobId: (job.body as { id: string }).id,
          type: 'warm',
          candidate: { name, email },
          endorsement: { relationship: 'worked together', skills: ['Go'], statement: 'Strong.' },
        },
      });
      const id = (created.body as { id: string }).id;
      const { token } = await consentToken(h, id);
      const consent = await h.call('POST', '/public/referrals/consent', {
        body: { token, decision: 'accept', closingNote },
      });
      expect(consent.body).toMatchObject({ status: 'submitted' });
      return id;
    };
    // Hector (the reject example) asked for a note; Johnny (the hire example) did not.
    const hector = await refer('371417', 'Hector Porter', 'hector.porter.265788@example.com', true);
    const johnny = await refer('323753', 'Johnny Smith', 'personal@example.com', false);
    // Hector's application reaches the ATS (the new-application example, made his), then the
    // reject example; Johnny is hired.
    const applied = JSON.parse(
      fixture('greenhouse-new_candidate_application.json').toString('utf8'),
    ) as {
      payload: {
        application: {
          id: number;
          candidate: { id: number; email_addresses: { value: string; type: string }[] };
          jobs: { id: number }[];
        };
      };
    };
    const app = applied.payload.application;
    app.id = 265293;
    app.candidate.id = 265788;
    app.candidate.email_addresses = [
      { value: 'hector.porter.265788@example.com', type: 'personal' },
    ];
    for (const j of app.jobs) j.id = 371417;
    expect((await postGreenhouse(c, Buffer.from(JSON.stringify(applied)))).status).toBe(200);
    const statusOf = async (id: string) =>
      ((await h.call('GET', `/referrals/${id}`, { token: hr })).body as { status: string }).status;
    await waitUntil(
      async () => ((await statusOf(hector)) === 'in_review' ? true : undefined),
      20_000,
      'application linked',
    );
    expect((await postGreenhouse(c, fixture('greenhouse-reject_candidate.json'))).status).toBe(200);
    expect((await postGreenhouse(c, fixture('greenhouse-hire_candidate.json'))).status).toBe(200);
    await waitUntil(
      async () =>
        (await statusOf(hector)) === 'rejected' && (await statusOf(johnny)) === 'hired'
          ? true
          : undefined,
      20_000,
      'rejected and hired',
    );
    const notes = await h.ds.query<{ to: string; subject: string; text: string }[]>(
      `SELECT to_address AS to, subject, text_body AS text FROM mail_messages
        WHERE template = 'referral.closing-note'`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      to: 'hector.porter.265788@example.com',
      subject: 'Your application for Engineer 371417 at acme Inc.',
    });
    expect(notes[0]?.text).toContain('decided not to move forward');
    // The ATS's reason ("Too Junior", "Wrong skill set") stays internal.
    expect(notes[0]?.text).not.toMatch(/junior|skill set/i);
    // A replay of the rejection sends nothing more.
    expect((await postGreenhouse(c, fixture('greenhouse-reject_candidate.json'))).status).toBe(200);
    await waitUntil(
      async () => (await events(c)).every((e) => e.status !== 'received'),
      20_000,
      'processing',
    );
    expect(
      (
        await h.ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM mail_messages WHERE template = 'referral.closing-note'`,
        )
      )[0]?.n,
    ).toBe(1);
  });

  it('pushes a consented, credited referral to Greenhouse (Candidate Ingestion) with the referrer, once', async () => {
    const received: {
      method: string;
      url: string;
      headers: IncomingMessage['headers'];
      body: unknown;
    }[] = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(data) as unknown,
        });
        // The first attempt meets a hiccup; the adapter retries.
        if (received.length === 1) {
          res.writeHead(503).end();
          return;
        }
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: 777, application_id: 888 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const c = await connect('greenhouse');
      const push = await h.call('PUT', `/integrations/${c.id}/push`, {
        token: admin,
        body: {
          baseUrl: `http://127.0.0.1:${address.port}`,
          apiKey: 'gh-key-secret',
          onBehalfOf: '4080',
        },
      });
      expect(push.status).toBe(200);
      expect(JSON.stringify(push.body)).not.toContain('gh-key-secret');
      const lever = await connect('lever');
      const refused = await h.call('PUT', `/integrations/${lever.id}/push`, {
        token: admin,
        body: { baseUrl: 'https://api.lever.co', apiKey: 'x' },
      });
      expect(errorCode(refused)).toBe('PUSH_NOT_SUPPORTED');

      const job = await h.call('POST', '/jobs', {
        token: hr,
        body: { title: 'Backend Engineer', atsJobId: '323753' },
      });
      const employee = (await h.signedIn(acme, 'bob@acme.test', ['employee'])).tokens.accessToken;
      const created = await h.call('POST', '/referrals', {
        token: employee,
        body: {
          jobId: (job.body as { id: string }).id,
          type: 'cold',
          candidate: { name: 'Johnny Smith', email: 'personal@example.com' },
          endorsement: {
            relationship: 'met at a meetup',
            skills: ['Go'],
            statement: 'Gave a sharp talk on Go profiling.',
          },
        },
      });
      const referralId = (created.body as { id: string }).id;
      // Nothing is pushed before consent.
      expect(received).toHaveLength(0);
      await answerConsent(h, referralId);
      const row = await waitUntil(
        async () =>
          (
            await h.ds.query<
              {
                pushed_at: Date | null;
                ats_candidate_id: string | null;
                ats_application_id: string | null;
              }[]
            >(
              `SELECT pushed_at, ats_candidate_id, ats_application_id FROM referrals WHERE id = $1`,
              [referralId],
            )
          ).find((r) => r.pushed_at !== null),
        20_000,
        'pushed',
      );
      expect(row).toMatchObject({
        ats_candidate_id: `${c.id}:777`,
        ats_application_id: `${c.id}:888`,
      });
      expect(received).toHaveLength(2);
      const last = received[1];
      expect(last?.method).toBe('POST');
      expect(last?.url).toBe('/v1/partner/candidates');
      expect(last?.headers['on-behalf-of']).toBe('4080');
      expect(last?.headers.authorization).toBe(
        `Basic ${Buffer.from('gh-key-secret:').toString('base64')}`,
      );
      expect(JSON.stringify(last?.body)).toContain('bob@acme.test');
      expect(JSON.stringify(last?.body)).toContain('personal@example.com');
      expect(JSON.stringify(last?.body)).toContain('323753');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('only admins create connections; other organizations see 404', async () => {
    expect(
      (
        await h.call('POST', '/integrations', {
          token: hr,
          body: { provider: 'greenhouse', name: 'x' },
        })
      ).status,
    ).toBe(403);
    const bad = await h.call('POST', '/integrations', {
      token: admin,
      body: { provider: 'workday', name: 'x' },
    });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const c = await connect('ashby');
    const globex = await h.createOrg('globex');
    const globexAdmin = (await h.signedIn(globex, 'admin@globex.test', ['admin'])).tokens
      .accessToken;
    expect(
      (await h.call('GET', `/integrations/${c.id}/events`, { token: globexAdmin })).status,
    ).toBe(404);
    const list = (await h.call('GET', '/integrations', { token: globexAdmin })).body as unknown[];
    expect(list).toEqual([]);
    // The secret is never shown again.
    expect(
      JSON.stringify((await h.call('GET', '/integrations', { token: admin })).body),
    ).not.toContain(c.secret);
  });
});
