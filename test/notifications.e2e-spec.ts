import type { OrganizationView } from '@peerline/identity';
import { inTransaction } from '@peerline/db';
import { NotificationsService, TEMPLATE_FIXTURES } from '@peerline/notifications';
import { errorCode, IdentityHarness, type TokenPair } from './identity.harness';

interface NotificationBody {
  id: string;
  title: string;
  body: string;
  url: string | null;
  readAt: string | null;
  createdAt: string;
}
interface Page {
  items: NotificationBody[];
  nextCursor: string | null;
}

describe('in-app notifications, preferences and notification settings over HTTP', () => {
  let h: IdentityHarness;
  let acme: OrganizationView;
  let globex: OrganizationView;
  let maria: { id: string; tokens: TokenPair };
  let john: { id: string; tokens: TokenPair };
  let admin: TokenPair;
  let hr: TokenPair;
  let globexUser: TokenPair;

  const notify = (orgId: string, userId: string, key: string) =>
    inTransaction(h.dataSource, (tx) =>
      h.app.get(NotificationsService).notify(tx, {
        organizationId: orgId,
        recipientUserId: userId,
        template: 'referral.status-changed',
        params: {
          ...TEMPLATE_FIXTURES['referral.status-changed'],
          candidateName: `Candidate ${key}`,
        },
        idempotencyKey: `e2e:${key}`,
        channels: ['in_app'],
      }),
    );

  beforeAll(async () => {
    h = await IdentityHarness.start();
    await h.reset();
    acme = await h.createOrg('acme-n');
    globex = await h.createOrg('globex-n');
    const m = await h.signedIn(acme, 'maria@acme.test', ['ambassador']);
    const j = await h.signedIn(acme, 'john@acme.test', ['employee']);
    maria = { id: m.user.id, tokens: m.tokens };
    john = { id: j.user.id, tokens: j.tokens };
    admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens;
    hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens;
    globexUser = (await h.signedIn(globex, 'lena@globex.test', ['admin'])).tokens;
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists my notifications newest first with a cursor, counts unread, marks read', async () => {
    for (let i = 0; i < 25; i++) await notify(acme.id, maria.id, `maria-${i}`);
    expect((await notify(acme.id, maria.id, 'maria-0')).in_app).toBe('duplicate');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.call(
        'GET',
        `/notifications?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: maria.tokens.accessToken,
        },
      );
      expect(res.status).toBe(200);
      const page = res.body as Page;
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(seen[0]).toContain('Candidate maria-24');
    expect(seen[24]).toContain('Candidate maria-0');

    const count = await h.call('GET', '/notifications/unread-count', {
      token: maria.tokens.accessToken,
    });
    expect(count.body).toEqual({ unread: 25 });

    const first = (
      (await h.call('GET', '/notifications?limit=1', { token: maria.tokens.accessToken }))
        .body as Page
    ).items[0];
    const read = await h.call('POST', `/notifications/${first?.id}/read`, {
      token: maria.tokens.accessToken,
    });
    expect(read.status).toBe(200);
    expect((read.body as NotificationBody).readAt).not.toBeNull();
    expect(
      (await h.call('GET', '/notifications/unread-count', { token: maria.tokens.accessToken }))
        .body,
    ).toEqual({
      unread: 24,
    });
    const unreadOnly = (
      await h.call('GET', '/notifications?unread=true&limit=100', {
        token: maria.tokens.accessToken,
      })
    ).body as Page;
    expect(unreadOnly.items).toHaveLength(24);

    const all = await h.call('POST', '/notifications/read-all', {
      token: maria.tokens.accessToken,
    });
    expect(all.body).toEqual({ marked: 24 });
    expect(
      (await h.call('GET', '/notifications/unread-count', { token: maria.tokens.accessToken }))
        .body,
    ).toEqual({
      unread: 0,
    });
  });

  it('answers 404 for another user’s notification, in the same organization or another', async () => {
    await notify(acme.id, john.id, 'john-1');
    const johns = (await h.call('GET', '/notifications', { token: john.tokens.accessToken }))
      .body as Page;
    const id = johns.items[0]?.id ?? '';
    const asMaria = await h.call('POST', `/notifications/${id}/read`, {
      token: maria.tokens.accessToken,
    });
    expect(asMaria.status).toBe(404);
    expect(errorCode(asMaria)).toBe('NOT_FOUND');
    const asGlobex = await h.call('POST', `/notifications/${id}/read`, {
      token: globexUser.accessToken,
    });
    expect(asGlobex.status).toBe(404);
    expect(
      (await h.call('POST', '/notifications/not-a-uuid/read', { token: maria.tokens.accessToken }))
        .status,
    ).toBe(404);
    // Nothing of John's shows in anyone else's list, and his stays unread.
    const globexList = (await h.call('GET', '/notifications', { token: globexUser.accessToken }))
      .body as Page;
    expect(globexList.items).toHaveLength(0);
    expect(
      (await h.call('GET', '/notifications/unread-count', { token: john.tokens.accessToken })).body,
    ).toEqual({
      unread: 1,
    });
    expect((await h.call('GET', '/notifications')).status).toBe(401);
  });

  it('keeps notification preferences per user, validating the time zone', async () => {
    const before = await h.call('GET', '/me/notification-preferences', {
      token: maria.tokens.accessToken,
    });
    expect(before.body).toEqual({
      email: true,
      inApp: true,
      digest: 'immediate',
      digestHour: 8,
      timeZone: 'UTC',
      timeZoneIsOwn: false,
      locale: 'en-GB',
    });
    const put = await h.call('PUT', '/me/notification-preferences', {
      token: maria.tokens.accessToken,
      body: {
        email: true,
        inApp: false,
        digest: 'daily',
        digestHour: 7,
        timeZone: 'Europe/Madrid',
        locale: 'es-ES',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      digest: 'daily',
      digestHour: 7,
      timeZone: 'Europe/Madrid',
      timeZoneIsOwn: true,
    });
    const bad = await h.call('PUT', '/me/notification-preferences', {
      token: maria.tokens.accessToken,
      body: { email: true, inApp: true, digest: 'daily', timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const unknownField = await h.call('PUT', '/me/notification-preferences', {
      token: maria.tokens.accessToken,
      body: { email: true, inApp: true, digest: 'daily', sms: true },
    });
    expect(unknownField.status).toBe(400);
    // John's preferences are his own.
    expect(
      (
        (await h.call('GET', '/me/notification-preferences', { token: john.tokens.accessToken }))
          .body as {
          digest: string;
        }
      ).digest,
    ).toBe('immediate');
    // In-app off: the next notification for Maria is not recorded.
    expect((await notify(acme.id, maria.id, 'maria-off')).in_app).toBe('skipped');
  });

  it('lets only admins set the chat webhook, stores it encrypted and never shows it whole', async () => {
    const url = 'https://hooks.slack.test/services/T000/B000/very-secret-token';
    for (const token of [hr.accessToken, maria.tokens.accessToken]) {
      expect((await h.call('GET', '/settings/notifications', { token })).status).toBe(403);
      expect(
        (await h.call('PUT', '/settings/notifications', { token, body: { chatWebhookUrl: url } }))
          .status,
      ).toBe(403);
    }
    expect((await h.call('GET', '/settings/notifications')).status).toBe(401);

    const put = await h.call('PUT', '/settings/notifications', {
      token: admin.accessToken,
      body: { chatWebhookUrl: url },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      chatWebhookConfigured: true,
      chatWebhookUrl: 'https://hooks.slack.test/…',
    });
    expect(JSON.stringify(put.body)).not.toContain('very-secret-token');
    const [row] = await h.dataSource.query<{ v: string }[]>(
      `SELECT chat_webhook_url_encrypted AS v FROM organization_notification_settings WHERE organization_id = $1`,
      [acme.id],
    );
    expect(row?.v).toMatch(/^v1\./);
    expect(row?.v).not.toContain('secret');
    const audit = await h.dataSource.query<{ after: unknown }[]>(
      `SELECT after FROM audit_log WHERE action = 'notification_settings.updated'`,
    );
    expect(JSON.stringify(audit)).not.toContain('very-secret-token');

    // Another organization's admin sees its own (empty) settings.
    expect(
      (await h.call('GET', '/settings/notifications', { token: globexUser.accessToken })).body,
    ).toEqual({
      chatWebhookConfigured: false,
      chatWebhookUrl: null,
    });
    const invalid = await h.call('PUT', '/settings/notifications', {
      token: admin.accessToken,
      body: { chatWebhookUrl: 'ftp://example.test/x' },
    });
    expect(invalid.status).toBe(400);
    const cleared = await h.call('PUT', '/settings/notifications', {
      token: admin.accessToken,
      body: {},
    });
    expect(cleared.body).toEqual({ chatWebhookConfigured: false, chatWebhookUrl: null });
  });
});
