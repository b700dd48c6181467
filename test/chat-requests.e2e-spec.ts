import { ExpireUnverifiedProcessor, RetryWaitingProcessor } from '@peerline/chat-requests';
import type { OrganizationView } from '@peerline/identity';
import { startMailCatcher, type MailCatcher } from '@peerline/testing';
import {
  ChatHarness,
  errorCode,
  GENERIC_ASK,
  GENERIC_VALUE,
  SPECIFIC_ASK,
  SPECIFIC_VALUE,
  type TestAmbassador,
  type VerifiedRequest,
} from './chat-requests.harness';

// A real worker relays the outbox to the SMTP catcher; CI machines are sometimes slow.
jest.setTimeout(60_000);

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe('chat requests: intake, verification, screening, moderation', () => {
  let catcher: MailCatcher;
  let h: ChatHarness;
  let acme: OrganizationView;
  let maria: TestAmbassador;
  let hr: string;

  beforeAll(async () => {
    catcher = await startMailCatcher();
    h = await ChatHarness.boot({
      SMTP_URL: catcher.url,
      // The suite sends many requests from 127.0.0.1; the limit itself has its own test below.
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '10000',
    });
    await h.startWorker();
  });

  afterAll(async () => {
    await h.close();
    await catcher.close();
  });

  beforeEach(async () => {
    await h.reset();
    catcher.clear();
    acme = await h.createOrg('acme');
    maria = await h.ambassador(acme, 'maria@acme.test', { name: 'Maria Lopez' });
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
  });

  const verify = (token: string) =>
    h.call('POST', '/public/chat-requests/verify', { body: { token } });

  async function mailedToken(to: string): Promise<string> {
    const mails = await catcher.waitFor((m) => m.some((x) => x.to.includes(to)), 20_000);
    const mail = mails.find((x) => x.to.includes(to));
    const token = /[?&]token=([A-Za-z0-9_-]{43})/u.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error('no token in the verification mail');
    return token;
  }

  it('goes unverified → verified → passed → delivered, with the link from the real mail working once', async () => {
    const res = await h.submit('acme', h.requestBody({ ambassadorId: maria.id }));
    expect(res.status).toBe(202);
    const { id, status } = res.body as { id: string; status: string };
    expect(status).toBe('unverified');
    expect(await h.statusOf(id)).toBe('unverified');

    const token = await mailedToken('ada@example.org');
    const first = await verify(token);
    expect(first.status).toBe(200);
    const verified = first.body as VerifiedRequest;
    expect(verified).toMatchObject({
      id,
      status: 'delivered',
      screening: { outcome: 'passed', reasons: [] },
    });

    const again = await verify(token);
    expect([again.status, errorCode(again)]).toEqual([410, 'VERIFICATION_TOKEN_USED']);
    expect(await h.statusOf(id)).toBe('delivered');

    // The ambassador's notice goes through the same outbox → relay → worker → SMTP path.
    await catcher.waitFor((m) => m.some((x) => x.to.includes('maria@acme.test')), 20_000);

    const statusPage = await h.call(
      'GET',
      `/public/chat-requests/${id}?token=${verified.statusToken}`,
    );
    expect(statusPage.status).toBe(200);
    expect(statusPage.body).toMatchObject({
      id,
      status: 'delivered',
      ambassador: { id: maria.id, displayName: 'Maria Lopez' },
      canWithdraw: true,
      canResubmit: false,
    });
    const history = (statusPage.body as { history: { status: string }[] }).history.map(
      (x) => x.status,
    );
    expect(history).toEqual(['unverified', 'screening', 'delivered']);
  });

  it('answers an expired link with 410 and expires the request; the sweep expires the others', async () => {
    const a = (await h.submit('acme', h.requestBody({ ambassadorId: maria.id }))).body as {
      id: string;
    };
    const b = (
      await h.submit(
        'acme',
        h.requestBody({
          ambassadorId: maria.id,
          requester: { name: 'Bo', email: 'bo@example.org', links: [] },
        }),
      )
    ).body as { id: string };
    await h.ds.query(
      `UPDATE chat_requests SET verification_expires_at = now() - interval '1 minute' WHERE id = ANY ($1::uuid[])`,
      [[a.id, b.id]],
    );
    const token = await mailedToken('ada@example.org');

    const res = await verify(token);
    expect([res.status, errorCode(res)]).toEqual([410, 'VERIFICATION_TOKEN_EXPIRED']);
    expect(await h.statusOf(a.id)).toBe('expired');
    expect([(await verify(token)).status]).toEqual([410]);

    await h.worker?.get(ExpireUnverifiedProcessor).run();
    expect(await h.statusOf(b.id)).toBe('expired');
  });

  it('answers an unknown or malformed token with 400', async () => {
    const unknown = await verify('A'.repeat(43));
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'VERIFICATION_TOKEN_INVALID']);
    const malformed = await verify('not a token');
    expect([malformed.status, errorCode(malformed)]).toEqual([400, 'VERIFICATION_TOKEN_INVALID']);
  });

  it('does not pass the generic message and passes a specific one naming a topic and a concrete question', async () => {
    const generic = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        ask: GENERIC_ASK,
        valueProposition: GENERIC_VALUE,
        topics: [],
      }),
    );
    expect(generic.screening.outcome).not.toBe('passed');
    expect(generic.status).not.toBe('delivered');
    expect(generic.screening.reasons.map((r) => r.code)).toContain('GENERIC_TEMPLATE');
    expect(generic.screening.coaching.length).toBeGreaterThan(0);

    const specific = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Cy', email: 'cy@example.org', links: [] },
        ask: SPECIFIC_ASK,
        valueProposition: SPECIFIC_VALUE,
      }),
    );
    expect(specific.screening.outcome).toBe('passed');
    expect(specific.status).toBe('delivered');
  });

  it('sends review to the HR queue, and HR passing it delivers it', async () => {
    // A disposable address is a hard-limit "review" signal.
    const r = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Dee', email: 'dee@mailinator.com', links: [] },
      }),
    );
    expect(r).toMatchObject({ status: 'review', screening: { outcome: 'review' } });
    expect(r.screening.reasons.map((x) => x.code)).toContain('DISPOSABLE_EMAIL_DOMAIN');

    const queue = await h.call('GET', '/moderation/queue', { token: hr });
    expect(queue.status).toBe(200);
    const items = (
      queue.body as Page<{ id: string; appeal: unknown; requesterEmailDomain: string }>
    ).items;
    expect(items.map((i) => i.id)).toEqual([r.id]);
    expect(items[0]).toMatchObject({ appeal: null, requesterEmailDomain: 'mailinator.com' });
    expect(JSON.stringify(queue.body)).not.toContain('dee@mailinator.com');

    const passed = await h.call('POST', `/chat-requests/${r.id}/moderate`, {
      token: hr,
      body: { decision: 'pass', note: 'Real person, real question.' },
    });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ id: r.id, status: 'delivered' });
    const labels = await h.ds.query<{ label: string; source: string; text: string }[]>(
      `SELECT label, source, text FROM screening_labels WHERE request_id = $1`,
      [r.id],
    );
    expect(labels).toEqual([
      { label: 'legitimate', source: 'hr_moderation', text: expect.stringContaining('Kafka') },
    ]);

    const twice = await h.call('POST', `/chat-requests/${r.id}/moderate`, {
      token: hr,
      body: { decision: 'reject', note: 'changed my mind' },
    });
    expect([twice.status, errorCode(twice)]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('rejects with coaching, lets the requester resubmit once (passed), and refuses a second resubmit', async () => {
    const r = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        ask: GENERIC_ASK,
        valueProposition: GENERIC_VALUE,
        topics: [],
      }),
    );
    expect(r.status).toBe('rejected');
    // The rejection mail with the reasons reaches the requester.
    const mails = await catcher.waitFor((m) => m.some((x) => /not sent/u.test(x.subject)), 20_000);
    expect(mails.find((x) => /not sent/u.test(x.subject))?.text).toContain(r.statusToken);

    const page = await h.call('GET', `/public/chat-requests/${r.id}?token=${r.statusToken}`);
    expect(page.body).toMatchObject({ status: 'rejected', canResubmit: true, canAppeal: true });

    const resubmitted = await h.call('POST', `/public/chat-requests/${r.id}/resubmit`, {
      body: {
        token: r.statusToken,
        ask: SPECIFIC_ASK,
        valueProposition: SPECIFIC_VALUE,
        topics: ['kafka'],
      },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({
      id: r.id,
      status: 'delivered',
      screening: { outcome: 'passed' },
    });

    const second = await h.call('POST', `/public/chat-requests/${r.id}/resubmit`, {
      body: { token: r.statusToken, ask: SPECIFIC_ASK, valueProposition: SPECIFIC_VALUE },
    });
    expect([second.status, errorCode(second)]).toEqual([409, 'RESUBMIT_LIMIT_REACHED']);
  });

  it('takes an appeal once into the HR queue; HR rejecting it labels it and tells the requester', async () => {
    const r = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        ask: GENERIC_ASK,
        valueProposition: GENERIC_VALUE,
        topics: [],
      }),
    );
    const appeal = await h.call('POST', `/public/chat-requests/${r.id}/appeal`, {
      body: { token: r.statusToken, note: 'I do have a question, please look again.' },
    });
    expect(appeal.status).toBe(200);
    expect(appeal.body).toMatchObject({ status: 'review', statusReason: 'appealed' });
    const again = await h.call('POST', `/public/chat-requests/${r.id}/appeal`, {
      body: { token: r.statusToken },
    });
    expect([again.status, errorCode(again)]).toEqual([409, 'APPEAL_LIMIT_REACHED']);

    const queue = (await h.call('GET', '/moderation/queue', { token: hr })).body as Page<{
      id: string;
      appeal: { note: string | null } | null;
    }>;
    expect(queue.items).toEqual([
      expect.objectContaining({
        id: r.id,
        appeal: expect.objectContaining({ note: 'I do have a question, please look again.' }),
      }),
    ]);

    const decided = await h.call('POST', `/chat-requests/${r.id}/moderate`, {
      token: hr,
      body: { decision: 'reject', note: 'Please ask a concrete question about our work.' },
    });
    expect(decided.body).toMatchObject({ status: 'rejected' });
    const labels = await h.ds.query<{ label: string; source: string }[]>(
      `SELECT label, source FROM screening_labels WHERE request_id = $1`,
      [r.id],
    );
    expect(labels).toEqual([{ label: 'spam', source: 'hr_appeal' }]);
    await catcher.waitFor((m) => m.filter((x) => /not sent/u.test(x.subject)).length >= 2, 20_000);
    expect((await h.call('GET', '/moderation/queue', { token: hr })).body).toMatchObject({
      items: [],
    });
  });

  it('passes an appeal through HR into the inbox, which shows no e-mail address', async () => {
    const r = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        ask: GENERIC_ASK,
        valueProposition: GENERIC_VALUE,
        topics: [],
      }),
    );
    await h.call('POST', `/public/chat-requests/${r.id}/appeal`, {
      body: { token: r.statusToken },
    });
    const passed = await h.call('POST', `/chat-requests/${r.id}/moderate`, {
      token: hr,
      body: { decision: 'pass', note: 'Fine by us.' },
    });
    expect(passed.body).toMatchObject({ status: 'delivered' });

    const inbox = await h.call('GET', '/inbox', { token: maria.tokens.accessToken });
    expect(inbox.status).toBe(200);
    const items = (inbox.body as Page<{ id: string; requester: { name: string } }>).items;
    expect(items.map((i) => i.id)).toEqual([r.id]);
    expect(items[0]?.requester.name).toBe('Ada Lovelace');
    expect(JSON.stringify(inbox.body)).not.toContain('ada@example.org');
  });

  it('lists the inbox oldest first with the screening summary, and only my own requests', async () => {
    const john = await h.ambassador(acme, 'john@acme.test', { name: 'John' });
    const first = await h.submitAndVerify('acme', h.requestBody({ ambassadorId: maria.id }));
    const forJohn = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: john.id,
        requester: { name: 'Bo', email: 'bo@example.org', links: [] },
        ask: `${SPECIFIC_ASK} For John.`,
      }),
    );
    const second = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Cy', email: 'cy@example.org', links: [] },
        ask: `${SPECIFIC_ASK} Also about lag.`,
      }),
    );
    const inbox = (await h.call('GET', '/inbox', { token: maria.tokens.accessToken }))
      .body as Page<{
      id: string;
      screening: { outcome: string; sharedTopics: string[] };
    }>;
    expect(inbox.items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(inbox.items[0]?.screening.outcome).toBe('passed');
    expect(inbox.items[0]?.screening.sharedTopics).toContain('kafka');
    const johns = (await h.call('GET', '/inbox', { token: john.tokens.accessToken })).body as Page<{
      id: string;
    }>;
    expect(johns.items.map((i) => i.id)).toEqual([forJohn.id]);

    const hrInbox = await h.call('GET', '/inbox', { token: hr });
    expect(hrInbox.status).toBe(403);
    expect(
      (await h.call('GET', '/moderation/queue', { token: maria.tokens.accessToken })).status,
    ).toBe(403);
    expect((await h.call('GET', '/inbox')).status).toBe(401);
  });

  it('withdraws a delivered request and gives the slot back', async () => {
    const small = await h.ambassador(acme, 'wei@acme.test', { capacity: 1 });
    const r = await h.submitAndVerify('acme', h.requestBody({ ambassadorId: small.id }));
    expect(r.status).toBe('delivered');
    const withdrawn = await h.call('POST', `/public/chat-requests/${r.id}/withdraw`, {
      body: { token: r.statusToken },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const next = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: small.id,
        requester: { name: 'Bo', email: 'bo@example.org', links: [] },
        ask: `${SPECIFIC_ASK} Second one.`,
      }),
    );
    expect(next.status).toBe('delivered');
    const twice = await h.call('POST', `/public/chat-requests/${r.id}/withdraw`, {
      body: { token: r.statusToken },
    });
    expect([twice.status, errorCode(twice)]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('waits when the week is full, and routes to the next best match when the requester consented', async () => {
    const full = await h.ambassador(acme, 'wei@acme.test', { capacity: 1, topics: ['kafka'] });
    await h.submitAndVerify('acme', h.requestBody({ ambassadorId: full.id }));
    const waits = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: full.id,
        requester: { name: 'Bo', email: 'bo@example.org', links: [] },
        ask: `${SPECIFIC_ASK} Waits.`,
      }),
    );
    expect(waits.status).toBe('waiting');
    const page = (
      await h.call('GET', `/public/chat-requests/${waits.id}?token=${waits.statusToken}`)
    ).body as {
      statusReason: string;
      retryAfter: string;
    };
    expect(page.statusReason).toBe('capacity_full');
    expect(new Date(page.retryAfter).getTime()).toBeGreaterThan(Date.now());

    const routed = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: full.id,
        routeIfFull: true,
        requester: { name: 'Cy', email: 'cy@example.org', links: [] },
        ask: `${SPECIFIC_ASK} Routed.`,
      }),
    );
    expect(routed.status).toBe('delivered');
    const where = await h.ds.query<{ ambassador_id: string; status_reason: string }[]>(
      `SELECT ambassador_id, status_reason FROM chat_requests WHERE id = $1`,
      [routed.id],
    );
    expect(where[0]).toEqual({ ambassador_id: maria.id, status_reason: 'routed' });

    // Next week comes: the scheduled retry delivers the waiting one once a slot is free.
    await h.ds.query(
      `UPDATE chat_requests SET retry_after = now() - interval '1 second' WHERE id = $1`,
      [waits.id],
    );
    await h.ds.query(`UPDATE ambassador_capacity_weeks SET used = 0 WHERE ambassador_id = $1`, [
      full.id,
    ]);
    await h.worker?.get(RetryWaitingProcessor).run();
    expect(await h.statusOf(waits.id)).toBe('delivered');
  });

  it('routes "best match for topic X" when no ambassador is named', async () => {
    const rustacean = await h.ambassador(acme, 'rui@acme.test', { topics: ['rust'], name: 'Rui' });
    const r = await h.submitAndVerify(
      'acme',
      h.requestBody({
        topic: 'rust',
        topics: [],
        ask: 'How did your team decide between tokio and async-std for the Rust ingestion service, and what would you choose today?',
        valueProposition:
          'I maintain a Rust crate for parsing Parquet files and contributed async support to it.',
      }),
    );
    expect(r.status).toBe('delivered');
    const row = await h.ds.query<{ ambassador_id: string }[]>(
      `SELECT ambassador_id FROM chat_requests WHERE id = $1`,
      [r.id],
    );
    expect(row[0]?.ambassador_id).toBe(rustacean.id);

    const none = await h.submit('acme', h.requestBody({ topics: [] }));
    expect([none.status, errorCode(none)]).toEqual([400, 'ROUTING_NEEDS_TOPIC']);
  });

  it('keeps tenants apart: another org, its ambassadors and other requests are 404', async () => {
    const globex = await h.createOrg('globex');
    const lena = await h.ambassador(globex, 'lena@globex.test');
    const cross = await h.submit('acme', h.requestBody({ ambassadorId: lena.id }));
    expect([cross.status, errorCode(cross)]).toEqual([404, 'NOT_FOUND']);
    expect((await h.submit('nope', h.requestBody({ ambassadorId: maria.id }))).status).toBe(404);

    const mine = await h.submitAndVerify('acme', h.requestBody({ ambassadorId: maria.id }));
    const theirs = await h.submitAndVerify(
      'globex',
      h.requestBody({
        ambassadorId: lena.id,
        requester: { name: 'Bo', email: 'bo@example.org', links: [] },
        ask: `${SPECIFIC_ASK} Globex.`,
      }),
    );
    // Another request's token opens nothing.
    const wrongToken = await h.call(
      'GET',
      `/public/chat-requests/${mine.id}?token=${theirs.statusToken}`,
    );
    expect([wrongToken.status, errorCode(wrongToken)]).toEqual([404, 'NOT_FOUND']);
    const withdraw = await h.call('POST', `/public/chat-requests/${mine.id}/withdraw`, {
      body: { token: theirs.statusToken },
    });
    expect(withdraw.status).toBe(404);
    expect(
      (await h.call('GET', `/public/chat-requests/not-a-uuid?token=${mine.statusToken}`)).status,
    ).toBe(404);

    // Globex HR cannot see or moderate acme's requests.
    const globexHr = (await h.signedIn(globex, 'hr@globex.test', ['hr'])).tokens.accessToken;
    const moderate = await h.call('POST', `/chat-requests/${mine.id}/moderate`, {
      token: globexHr,
      body: { decision: 'reject', note: 'x' },
    });
    expect([moderate.status, errorCode(moderate)]).toEqual([404, 'NOT_FOUND']);
    const lenaInbox = (await h.call('GET', '/inbox', { token: lena.tokens.accessToken }))
      .body as Page<{ id: string }>;
    expect(lenaInbox.items.map((i) => i.id)).toEqual([theirs.id]);
  });

  it('stores the requester once per organization, normalized', async () => {
    await h.submit(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Ada', email: 'Ada@Example.ORG', links: [] },
      }),
    );
    await h.submit(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Ada L.', email: 'ADA@example.org', links: [] },
      }),
    );
    const rows = await h.ds.query<{ email_normalized: string; name: string }[]>(
      `SELECT email_normalized, name FROM requesters`,
    );
    expect(rows).toEqual([{ email_normalized: 'ada@example.org', name: 'Ada L.' }]);
  });

  it('blocks reported addresses and HR-listed domains', async () => {
    await h.ds.query(
      `INSERT INTO requester_blocks (organization_id, kind, value, status, source) VALUES ($1, 'email', 'ada@example.org', 'pending_review', 'abuse_report')`,
      [acme.id],
    );
    const blocked = await h.submitAndVerify('acme', h.requestBody({ ambassadorId: maria.id }));
    expect(blocked.status).toBe('rejected');
    expect(blocked.screening.reasons.map((r) => r.code)).toContain('EMAIL_BLOCKED');

    const put = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: { blockedDomains: ['Spam-Agency.example'] },
    });
    expect(put.status).toBe(200);
    const byDomain = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Eve', email: 'eve@mail.spam-agency.example', links: [] },
      }),
    );
    expect(byDomain.screening.reasons.map((r) => r.code)).toContain('DOMAIN_BLOCKED');
  });

  it('lets HR read and replace the screening settings, validated and audited', async () => {
    const read = await h.call('GET', '/settings/screening', { token: hr });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      nearDuplicates: { maxOtherRecipients: 3, windowMinutes: 5 },
      blockedDomains: [],
    });

    const put = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: {
        hardLimits: { maxOpenRequestsPerRequester: 5 },
        classifier: { reviewThreshold: 0.9, rejectThreshold: 0.5 },
      },
    });
    expect([put.status, errorCode(put)]).toEqual([400, 'INVALID_SCREENING_SETTINGS']);
    const bad = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: { hardLimits: { maxOpenRequestsPerRequester: -1 } },
    });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: { hardLimits: { nope: 1 } },
    });
    expect(unknown.status).toBe(400);

    const ok = await h.call('PUT', '/settings/screening', {
      token: hr,
      body: { hardLimits: { maxOpenRequestsPerRequester: 5 } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      hardLimits: { maxOpenRequestsPerRequester: 5, maxRequestsPerIpPerHour: 20 },
    });
    const audit = await h.ds.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE action = 'screening_settings.updated'`,
    );
    expect(audit).toHaveLength(1);
    expect(
      (await h.call('GET', '/settings/screening', { token: maria.tokens.accessToken })).status,
    ).toBe(403);
  });
});

describe('chat requests: intake rate limit', () => {
  let h: ChatHarness;

  beforeAll(async () => {
    h = await ChatHarness.boot({
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '3',
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After once one e-mail sent too many, counted in Redis', async () => {
    await h.reset();
    const acme = await h.createOrg('acme');
    const maria = await h.ambassador(acme, 'maria@acme.test');
    for (let i = 0; i < 3; i++) {
      expect((await h.submit('acme', h.requestBody({ ambassadorId: maria.id }))).status).toBe(202);
    }
    const limited = await h.submit('acme', h.requestBody({ ambassadorId: maria.id }));
    expect([limited.status, errorCode(limited)]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/u);
    const other = await h.submit(
      'acme',
      h.requestBody({
        ambassadorId: maria.id,
        requester: { name: 'Bo', email: 'bo@example.org', links: [] },
      }),
    );
    expect(other.status).toBe(202);
  });
});
