import type { OrganizationView } from '@peerline/identity';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '@peerline/testing';
import {
  ChatHarness,
  errorCode,
  type TestAmbassador,
  type VerifiedRequest,
} from './chat-requests.harness';
import {
  chatTimeCame,
  deliveredTo,
  historyOf,
  invitesIn,
  slotsUsed,
  triageLinks,
} from './chat-triage.harness';

// A real worker relays the outbox to the SMTP catcher; CI machines are sometimes slow.
jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('triage and the chat lifecycle', () => {
  let catcher: MailCatcher;
  let h: ChatHarness;
  let acme: OrganizationView;
  let maria: TestAmbassador;
  let wei: TestAmbassador;

  beforeAll(async () => {
    catcher = await startMailCatcher();
    h = await ChatHarness.boot({
      SMTP_URL: catcher.url,
      CHAT_INTAKE_RATE_LIMIT_PER_IP: '10000',
      CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '10000',
      CHAT_PUBLIC_RATE_LIMIT_PER_IP: '10000',
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
    wei = await h.ambassador(acme, 'wei@acme.test', { name: 'Wei Zhang', capacity: 1 });
  });

  const as = (a: TestAmbassador) => a.tokens.accessToken;
  const post = (a: TestAmbassador, path: string, body: Record<string, unknown> = {}) =>
    h.call('POST', path, { token: as(a), body });

  async function mailTo(to: string, subject: RegExp): Promise<CaughtMail> {
    const mails = await catcher.waitFor(
      (m) => m.some((x) => x.to.includes(to) && subject.test(x.subject)),
      20_000,
    );
    const mail = mails.find((x) => x.to.includes(to) && subject.test(x.subject));
    if (!mail) throw new Error(`no mail to ${to} matching ${String(subject)}`);
    return mail;
  }

  const inTwoDays = (hour = 16): string => {
    const d = new Date(Date.now() + 2 * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };

  it('delivers → accept by e-mail link → schedule (.ics to both) → reschedule → complete → both ratings → would_refer', async () => {
    const request = await deliveredTo(h, maria);
    const delivered = await mailTo('maria@acme.test', /would like a peer chat/);
    const links = triageLinks(delivered);

    // Opening the link (as a mail scanner or a link preview would) changes nothing: the
    // browser gets the question and a confirm button, an API client the pending action.
    for (let i = 0; i < 3; i++) {
      const opened = await h.call('GET', links.accept, { headers: { accept: 'text/html' } });
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toContain('text/html');
      expect(opened.body).toContain('<form method="post" enctype="text/plain">');
      expect(opened.body).toContain('Accept request');
      expect(opened.body).toContain('Ada Lovelace');
    }
    expect((await h.call('GET', links.decline)).body).toMatchObject({
      id: request.id,
      action: 'decline',
      status: 'delivered',
    });
    expect(await h.statusOf(request.id)).toBe('delivered');

    // The click on the button: one POST, no login; the browser gets a page.
    const confirm = { accept: 'text/html', 'content-type': 'text/plain' };
    const first = await h.call('POST', links.accept, { headers: confirm, rawBody: '' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.body).toContain('Request accepted');
    expect(await h.statusOf(request.id)).toBe('accepted');
    await mailTo('ada@example.org', /accepted your chat request/);

    // Replays and the sibling decline link change nothing and say so, opened or posted.
    const replay = await h.call('POST', links.accept);
    expect(replay.status).toBe(410);
    expect(errorCode(replay)).toBe('TRIAGE_LINK_USED');
    expect(errorCode(await h.call('GET', links.accept))).toBe('TRIAGE_LINK_USED');
    const sibling = await h.call('POST', links.decline);
    expect(errorCode(sibling)).toBe('TRIAGE_LINK_USED');
    const siblingPage = await h.call('GET', links.decline, { headers: { accept: 'text/html' } });
    expect(siblingPage.status).toBe(410);
    expect(siblingPage.body).toContain('Nothing was changed');
    expect(siblingPage.body).not.toContain('<form');
    const tampered = await h.call('GET', `${links.accept.slice(0, -3)}abc`);
    expect(tampered.status).toBe(400);
    expect(errorCode(tampered)).toBe('TRIAGE_LINK_INVALID');
    expect(await h.statusOf(request.id)).toBe('accepted');
    expect((await historyOf(h, request.id)).filter((x) => x.to === 'accepted')).toHaveLength(1);

    // Completing before a time is set is refused with a clear code.
    const early = await post(maria, `/chat-requests/${request.id}/complete`);
    expect(early.status).toBe(409);
    expect(errorCode(early)).toBe('ILLEGAL_TRANSITION');
    expect((early.body as { error: { message: string } }).error.message).toMatch(/no time/);

    const startsAt = inTwoDays();
    const scheduled = await post(maria, `/chat-requests/${request.id}/schedule`, {
      startsAt,
      durationMinutes: 30,
      meetingUrl: 'https://meet.example.com/abc-defg',
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled' });

    const toRequester = await mailTo('ada@example.org', /Your chat with Maria Lopez is on/);
    const toAmbassador = await mailTo('maria@acme.test', /chat with Ada Lovelace/i);
    const [inviteR] = await invitesIn(toRequester);
    const [inviteA] = await invitesIn(toAmbassador);
    for (const invite of [inviteR, inviteA]) {
      expect(invite).toMatchObject({
        method: 'REQUEST',
        uid: `${request.id}@peerline`,
        sequence: 0,
      });
      expect(invite?.start.toISOString()).toBe(startsAt);
      expect(invite?.end.getTime()).toBe(new Date(startsAt).getTime() + 30 * 60_000);
    }
    // Each side's invite names only that side: no address is shown to the other.
    expect(inviteR?.attendees).toEqual(['ada@example.org']);
    expect(inviteA?.attendees).toEqual(['maria@acme.test']);

    // Moving the slot sends an update of the same event (same UID, higher SEQUENCE).
    const moved = inTwoDays(17);
    const again = await post(maria, `/chat-requests/${request.id}/schedule`, {
      startsAt: moved,
      durationMinutes: 45,
    });
    expect(again.body).toMatchObject({ status: 'scheduled', statusReason: 'rescheduled' });
    const update = await mailTo('ada@example.org', /moved/);
    const [updated] = await invitesIn(update);
    expect(updated).toMatchObject({ uid: `${request.id}@peerline`, sequence: 1 });
    expect(updated?.start.toISOString()).toBe(moved);

    // Not before the chat's time; then it can be completed.
    const beforeTime = await post(maria, `/chat-requests/${request.id}/complete`);
    expect([beforeTime.status, errorCode(beforeTime)]).toEqual([409, 'CHAT_NOT_STARTED']);
    expect((await post(maria, `/chat-requests/${request.id}/no-show`)).status).toBe(409);
    expect(await h.statusOf(request.id)).toBe('scheduled');
    await chatTimeCame(h, request.id);
    const done = await post(maria, `/chat-requests/${request.id}/complete`);
    expect(done.body).toMatchObject({ status: 'completed' });
    await mailTo('ada@example.org', /How was your chat with Maria Lopez/);

    const mine = await post(maria, `/chat-requests/${request.id}/feedback`, {
      rating: 5,
      note: 'Sharp questions about consumer groups.',
      outcome: 'would_refer',
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ outcome: 'would_refer', status: 'completed' });
    const twice = await post(maria, `/chat-requests/${request.id}/feedback`, {
      rating: 1,
      outcome: 'no_fit',
    });
    expect(twice.status).toBe(409);
    expect(errorCode(twice)).toBe('ALREADY_RATED');

    const theirs = await h.call('POST', `/public/chat-requests/${request.id}/feedback`, {
      body: { token: request.statusToken, rating: 4, note: 'Very helpful.' },
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ status: 'completed', canRate: false });

    const [{ started }] = await h.ds.query<{ started: Date }[]>(
      `SELECT starts_at AS started FROM chat_requests WHERE id = $1`,
      [request.id],
    );
    const detail = await h.call('GET', `/chat-requests/${request.id}`, { token: as(maria) });
    expect(detail.body).toMatchObject({
      outcome: 'would_refer',
      // The start as stored (the test moved it to the past to complete the chat).
      slot: { startsAt: started.toISOString(), durationMinutes: 45, meetingUrl: null },
      feedback: [
        { side: 'ambassador', rating: 5 },
        { side: 'requester', rating: 4, note: 'Very helpful.' },
      ],
    });
    expect(JSON.stringify(detail.body)).not.toContain('ada@example.org');
    expect((await historyOf(h, request.id)).map((x) => x.to)).toEqual([
      'unverified',
      'screening',
      'delivered',
      'accepted',
      'scheduled',
      'scheduled',
      'completed',
    ]);
  });

  it('declines with a template: the requester receives its polite text and the slot is freed', async () => {
    const request = await deliveredTo(h, maria);
    expect(await slotsUsed(h, maria)).toBe(1);
    const res = await post(maria, `/chat-requests/${request.id}/decline`, {
      reasonTemplate: 'not_my_area',
      note: 'Try the platform team.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', statusReason: 'declined:not_my_area' });
    const mail = await mailTo('ada@example.org', /cannot take your chat request/);
    expect(mail.text).toContain('outside what I work on day to day');
    expect(mail.text).toContain('Try the platform team.');
    expect(await slotsUsed(h, maria)).toBe(0);

    const other = await post(maria, `/chat-requests/${request.id}/decline`, {
      reasonTemplate: 'other',
    });
    expect(other.status).toBe(400);
    expect(errorCode(other)).toBe('VALIDATION_FAILED');
    const unknown = await post(maria, `/chat-requests/${request.id}/decline`, {
      reasonTemplate: 'because',
    });
    expect(unknown.status).toBe(400);
  });

  it("forwards to a colleague, reserving the colleague's slot; a full colleague is refused and nothing moves", async () => {
    const request = await deliveredTo(h, maria);
    const res = await post(maria, `/chat-requests/${request.id}/forward`, {
      toAmbassadorId: wei.id,
      note: 'Wei runs our Kafka platform.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'delivered', statusReason: 'forwarded' });
    expect(await slotsUsed(h, maria)).toBe(0);
    expect(await slotsUsed(h, wei)).toBe(1);

    const weiInbox = await h.call('GET', '/inbox', { token: as(wei) });
    expect((weiInbox.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      request.id,
    ]);
    const mariaInbox = await h.call('GET', '/inbox', { token: as(maria) });
    expect((mariaInbox.body as { items: unknown[] }).items).toHaveLength(0);
    expect((await h.call('GET', `/chat-requests/${request.id}`, { token: as(maria) })).status).toBe(
      404,
    );

    const toWei = await mailTo('wei@acme.test', /forwarded Ada Lovelace's chat request to you/);
    expect(toWei.text).toContain('Maria Lopez');
    expect(toWei.text).toContain('Wei runs our Kafka platform.');
    await mailTo('ada@example.org', /now goes to Wei Zhang/);
    // Maria's old one-click links are bound to her: they no longer act.
    const mariaMail = await mailTo('maria@acme.test', /would like a peer chat/);
    const stale = await h.call('POST', triageLinks(mariaMail).accept);
    expect(stale.status).toBe(410);
    expect(errorCode(stale)).toBe('TRIAGE_LINK_SUPERSEDED');
    expect(errorCode(await h.call('GET', triageLinks(mariaMail).accept))).toBe(
      'TRIAGE_LINK_SUPERSEDED',
    );

    // Wei (capacity 1) is now full: forwarding another request to him fails and changes nothing.
    const second = await deliveredTo(h, maria, {
      requester: { name: 'Grace Hopper', email: 'grace@example.org', links: [] },
      ask: 'How do you test Kafka consumer rebalances in CI without flaky timing, and what broke first when you started?',
    });
    const full = await post(maria, `/chat-requests/${second.id}/forward`, {
      toAmbassadorId: wei.id,
    });
    expect(full.status).toBe(409);
    expect(errorCode(full)).toBe('AMBASSADOR_FULL');
    expect(await h.statusOf(second.id)).toBe('delivered');
    expect(await slotsUsed(h, maria)).toBe(1);
    expect(await slotsUsed(h, wei)).toBe(1);
    const self = await post(maria, `/chat-requests/${second.id}/forward`, {
      toAmbassadorId: maria.id,
    });
    expect(errorCode(self)).toBe('FORWARD_TO_SELF');
  });

  it('reports abuse: the sender is blocked org-wide pending review and their next request is not delivered', async () => {
    const request = await deliveredTo(h, maria);
    const res = await post(maria, `/chat-requests/${request.id}/report`, {
      reason: 'Insulting language in a follow-up.',
    });
    expect(res.body).toMatchObject({ status: 'declined', statusReason: 'reported_abuse' });
    const blocks = await h.ds.query<{ status: string; kind: string; value: string }[]>(
      `SELECT status, kind, value FROM requester_blocks WHERE organization_id = $1`,
      [acme.id],
    );
    expect(blocks).toEqual([{ status: 'pending_review', kind: 'email', value: 'ada@example.org' }]);
    const labels = await h.ds.query<{ label: string; source: string }[]>(
      `SELECT label, source FROM screening_labels WHERE request_id = $1`,
      [request.id],
    );
    expect(labels).toEqual([{ label: 'abusive', source: 'ambassador' }]);
    expect(await slotsUsed(h, maria)).toBe(0);

    const next = await h.submitAndVerify(
      'acme',
      h.requestBody({
        ambassadorId: wei.id,
        ask: 'What does your on-call rotation look like for the Kafka platform, and how do you keep pages actionable?',
      }),
    );
    expect(next.status).toBe('rejected');
    expect(next.screening.reasons.map((r) => r.code)).toContain('EMAIL_BLOCKED');

    // HR reviews the block; HR of another organization cannot see or touch it.
    const hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
    const globex = await h.createOrg('globex');
    const otherHr = (await h.signedIn(globex, 'hr@globex.test', ['hr'])).tokens.accessToken;
    const pending = await h.call('GET', '/moderation/blocks', { token: hr });
    const items = (
      pending.body as {
        items: { id: string; value: string; status: string; sourceRequestId: string }[];
      }
    ).items;
    expect(items).toEqual([
      expect.objectContaining({
        value: 'ada@example.org',
        status: 'pending_review',
        sourceRequestId: request.id,
      }),
    ]);
    const blockId = items[0]?.id ?? '';
    expect((await h.call('GET', '/moderation/blocks', { token: otherHr })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    const foreign = await h.call('POST', `/moderation/blocks/${blockId}/review`, {
      token: otherHr,
      body: { decision: 'lift', note: 'Not ours.' },
    });
    expect(foreign.status).toBe(404);
    const confirm = await h.call('POST', `/moderation/blocks/${blockId}/review`, {
      token: hr,
      body: { decision: 'confirm', note: 'Abusive, confirmed with Maria.' },
    });
    expect(confirm.body).toMatchObject({ status: 'active' });
    const again = await h.call('POST', `/moderation/blocks/${blockId}/review`, {
      token: hr,
      body: { decision: 'lift', note: 'Changed my mind.' },
    });
    expect(again.status).toBe(409);
  });

  it('introduces the requester to a colleague after the chat: a new delivered request that respects capacity', async () => {
    const request = await deliveredTo(h, maria);
    await post(maria, `/chat-requests/${request.id}/accept`);
    await post(maria, `/chat-requests/${request.id}/schedule`, {
      startsAt: inTwoDays(),
      durationMinutes: 30,
    });
    const tooEarly = await post(maria, `/chat-requests/${request.id}/introduce`, {
      toAmbassadorId: wei.id,
    });
    expect(errorCode(tooEarly)).toBe('ILLEGAL_TRANSITION');
    await chatTimeCame(h, request.id);
    await post(maria, `/chat-requests/${request.id}/complete`);

    const res = await post(maria, `/chat-requests/${request.id}/introduce`, {
      toAmbassadorId: wei.id,
      note: 'Wei knows our consumer library best.',
    });
    expect(res.status).toBe(201);
    const intro = res.body as { id: string; status: string; ambassadorId: string };
    expect(intro).toMatchObject({ status: 'delivered', ambassadorId: wei.id });
    expect(intro.id).not.toBe(request.id);
    expect(await slotsUsed(h, wei)).toBe(1);
    const inbox = await h.call('GET', '/inbox', { token: as(wei) });
    expect((inbox.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([intro.id]);
    const mail = await mailTo('ada@example.org', /introduced/i);
    expect(mail.text).toContain('Wei Zhang');
    expect(mail.text).toContain(`/requests/${intro.id}?token=`);

    // Wei is full now: a second introduction is refused and creates nothing.
    const again = await post(maria, `/chat-requests/${request.id}/introduce`, {
      toAmbassadorId: wei.id,
    });
    expect(errorCode(again)).toBe('AMBASSADOR_FULL');
    const count = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM chat_requests WHERE introduced_from_request_id = $1`,
      [request.id],
    );
    expect(count[0]?.n).toBe(1);
  });

  it('lists my accepted and scheduled chats, soonest first, paged, and only mine', async () => {
    const ask = (i: number) =>
      `How do you keep ${['consumer lag', 'rebalances', 'schema changes'][i]} in Kafka from paging people at night, and what did you try first?`;
    const people = ['grace', 'alan', 'barbara'];
    const ids: string[] = [];
    for (const [i, name] of people.entries()) {
      const r = await deliveredTo(h, maria, {
        requester: { name, email: `${name}@example.org`, links: [] },
        ask: ask(i),
      });
      ids.push(r.id);
    }
    const [accepted, later, sooner] = ids;
    for (const id of ids) await post(maria, `/chat-requests/${id}/accept`);
    for (const [id, hour] of [
      [later, 18],
      [sooner, 9],
    ] as const) {
      const res = await post(maria, `/chat-requests/${id}/schedule`, {
        startsAt: inTwoDays(hour),
        durationMinutes: 30,
      });
      expect(res.status).toBe(200);
    }
    // A fourth, still only delivered, is in the inbox and not here.
    await deliveredTo(h, maria, {
      requester: { name: 'Edsger', email: 'edsger@example.org', links: [] },
    });

    type ChatsPage = { items: { id: string; status: string }[]; nextCursor: string | null };
    const list = async (query: string, who = maria) =>
      h.call('GET', `/chat-requests${query}`, { token: as(who) });
    const all = (await list('')).body as ChatsPage;
    // Accepted (no time yet) first, then the scheduled ones by start time.
    expect(all.items.map((c) => [c.id, c.status])).toEqual([
      [accepted, 'accepted'],
      [sooner, 'scheduled'],
      [later, 'scheduled'],
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ChatsPage = (
        await list(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).body as ChatsPage;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.items.map((c) => c.id));
    expect(((await list('?status=scheduled')).body as ChatsPage).items.map((c) => c.id)).toEqual([
      sooner,
      later,
    ]);
    expect(((await list('', wei)).body as ChatsPage).items).toEqual([]);
    for (const bad of ['?status=delivered', '?cursor=nope', '?limit=500', '?other=1']) {
      const res = await list(bad);
      expect([bad, res.status, errorCode(res)]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });

  it('refuses illegal transitions with 409 ILLEGAL_TRANSITION (accept a withdrawn request)', async () => {
    const request = await deliveredTo(h, maria);
    const withdrawn = await h.call('POST', `/public/chat-requests/${request.id}/withdraw`, {
      body: { token: request.statusToken },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    await mailTo('maria@acme.test', /withdr/i);
    const res = await post(maria, `/chat-requests/${request.id}/accept`);
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('ILLEGAL_TRANSITION');
    expect(res.body).toMatchObject({
      error: { details: { status: 'withdrawn', action: 'accept it' } },
    });
    expect(await slotsUsed(h, maria)).toBe(0);
  });

  it('20 parallel accept and decline calls on one request: exactly one wins, the rest answer 409', async () => {
    const request = await deliveredTo(h, maria);
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? post(maria, `/chat-requests/${request.id}/accept`)
        : post(maria, `/chat-requests/${request.id}/decline`, { reasonTemplate: 'no_time' }),
    );
    const results = await Promise.all(calls);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const history = await historyOf(h, request.id);
    expect(history.filter((x) => x.from === 'delivered')).toHaveLength(1);
  });

  describe('authorization: everything that is not yours is 404', () => {
    let request: VerifiedRequest;
    let globexAmbassador: TestAmbassador;

    beforeEach(async () => {
      request = await deliveredTo(h, maria);
      const globex = await h.createOrg('globex');
      globexAmbassador = await h.ambassador(globex, 'maria@globex.test', { name: 'Maria Globex' });
    });

    const ROUTES: [string, Record<string, unknown>][] = [
      ['accept', {}],
      ['decline', { reasonTemplate: 'no_time' }],
      ['forward', { toAmbassadorId: '00000000-0000-4000-8000-000000000000' }],
      ['report', {}],
      ['schedule', { startsAt: new Date(Date.now() + 2 * DAY).toISOString(), durationMinutes: 30 }],
      ['cancel', {}],
      ['complete', {}],
      ['no-show', {}],
      ['feedback', { rating: 5, outcome: 'no_fit' }],
      ['introduce', { toAmbassadorId: '00000000-0000-4000-8000-000000000000' }],
    ];

    it('another ambassador of the organization and an ambassador of another organization get 404 on every route', async () => {
      for (const intruder of [wei, globexAmbassador]) {
        for (const [route, body] of ROUTES) {
          const res = await post(intruder, `/chat-requests/${request.id}/${route}`, body);
          expect([route, res.status, errorCode(res)]).toEqual([route, 404, 'NOT_FOUND']);
        }
        const get = await h.call('GET', `/chat-requests/${request.id}`, { token: as(intruder) });
        expect(get.status).toBe(404);
      }
      expect(await h.statusOf(request.id)).toBe('delivered');
    });

    it("a requester token of another request is 404 on the requester's routes", async () => {
      const other = await deliveredTo(h, wei, {
        requester: { name: 'Grace Hopper', email: 'grace@example.org', links: [] },
        ask: 'How do you size Kafka partitions for a new topic when the traffic forecast is a guess?',
      });
      for (const [path, extra] of [
        ['withdraw', {}],
        ['feedback', { rating: 5 }],
      ] as const) {
        const res = await h.call('POST', `/public/chat-requests/${request.id}/${path}`, {
          body: { token: other.statusToken, ...extra },
        });
        expect([path, res.status]).toEqual([path, 404]);
      }
      const status = await h.call(
        'GET',
        `/public/chat-requests/${request.id}?token=${other.statusToken}`,
      );
      expect(status.status).toBe(404);
      expect(await h.statusOf(request.id)).toBe('delivered');
    });
  });
});
