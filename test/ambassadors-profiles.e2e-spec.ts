import type { OrganizationView } from '@peerline/identity';
import {
  anAmbassador,
  aProfile,
  daysFromToday,
  type CardPage,
  useDirectoryEnv,
  type OwnProfile,
} from './ambassadors.harness';
import { errorCode, IdentityHarness, type HttpResult } from './identity.harness';

describe('ambassador directory: own profile, availability, HR and settings', () => {
  let h: IdentityHarness;
  let acme: OrganizationView;
  let globex: OrganizationView;

  beforeAll(async () => {
    useDirectoryEnv();
    h = await IdentityHarness.start();
  });

  afterAll(async () => {
    await h.close();
  });

  beforeEach(async () => {
    await h.reset();
    acme = await h.createOrg('acme');
    globex = await h.createOrg('globex');
  });

  const signedInAmbassador = async (org: OrganizationView, email: string) =>
    (await h.signedIn(org, email, ['ambassador', 'employee'])).tokens.accessToken;
  const fields = (res: HttpResult): string[] =>
    Object.keys(
      ((res.body as { error?: { details?: { fields?: Record<string, unknown> } } }).error?.details
        ?.fields ?? {}) as Record<string, unknown>,
    );
  const publicNames = async (slug: string) =>
    ((await h.call('GET', `/public/orgs/${slug}/ambassadors`)).body as CardPage).items.map(
      (i) => i.displayName,
    );

  describe('own profile', () => {
    it('is 404 until created, then PUT creates it and GET reads it back', async () => {
      const token = await signedInAmbassador(acme, 'ann@acme.test');
      expect((await h.call('GET', '/ambassadors/me', { token })).status).toBe(404);

      const put = await h.call('PUT', '/ambassadors/me', {
        token,
        body: aProfile({
          displayName: '  Ann Example ',
          topics: ['K8s', 'Distributed Tracing', 'kubernetes'],
          languages: ['EN', 'de'],
          timeZone: 'utc',
          photoUrl: 'https://cdn.acme.test/ann.jpg',
        }),
      });

      expect(put.status).toBe(200);
      const profile = put.body as OwnProfile;
      expect(profile).toMatchObject({
        displayName: 'Ann Example',
        topics: ['kubernetes', 'distributed-tracing'],
        languages: ['en', 'de'],
        timeZone: 'UTC',
        utcOffsetMinutes: 0,
        photoUrl: 'https://cdn.acme.test/ann.jpg',
        availability: {
          status: 'active',
          returnsOn: null,
          weeklyCapacity: 3,
          capacityIsDefault: true,
          usedThisWeek: 0,
        },
      });
      const get = await h.call('GET', '/ambassadors/me', { token });
      expect(get.status).toBe(200);
      expect(get.body).toEqual(profile);
      expect(await publicNames('acme')).toEqual(['Ann Example']);
    });

    it('replaces the profile on a second PUT, clearing omitted fields and keeping availability', async () => {
      const token = await signedInAmbassador(acme, 'ann@acme.test');
      await h.call('PUT', '/ambassadors/me', { token, body: aProfile() });
      await h.call('PUT', '/ambassadors/me/availability', {
        token,
        body: { status: 'active', weeklyCapacity: 7 },
      });

      const res = await h.call('PUT', '/ambassadors/me', {
        token,
        body: { displayName: 'Ann B.', timeZone: 'Asia/Kolkata' },
      });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        displayName: 'Ann B.',
        photoUrl: null,
        topics: [],
        links: [],
        bio: '',
        utcOffsetMinutes: 330,
        availability: { weeklyCapacity: 7, capacityIsDefault: false },
      });
    });

    it.each([
      ['an unknown field', { email: 'ann@acme.test' }, 'email'],
      ['a script URL as photo', { photoUrl: 'javascript:alert(1)' }, 'photoUrl'],
      ['an http photo', { photoUrl: 'http://cdn.acme.test/a.jpg' }, 'photoUrl'],
      ['an ftp link', { links: [{ label: 'x', url: 'ftp://example.com' }] }, 'links.0.url'],
      [
        'an unknown field in a link',
        { links: [{ label: 'x', url: 'https://x.test', rel: 'me' }] },
        'links.0.rel',
      ],
      ['a time zone that does not exist', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['an offset instead of a time zone', { timeZone: '+01:00' }, 'timeZone'],
      ['an empty name', { displayName: '' }, 'displayName'],
      ['a blank name', { displayName: '   ' }, 'displayName'],
      ['a 101-character name', { displayName: 'n'.repeat(101) }, 'displayName'],
      ['31 topics', { topics: Array.from({ length: 31 }, (_, i) => `topic-${i}`) }, 'topics'],
      ['a topic that is only punctuation', { topics: ['rust', '!!!'] }, 'topics'],
      ['a bio over 2000 characters', { bio: 'b'.repeat(2001) }, 'bio'],
      ['six prompts', { askMeAbout: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'askMeAbout'],
      ['a language that is not a code', { languages: ['English!'] }, 'languages'],
    ])('refuses %s with 400 naming the field', async (_what, change, field) => {
      const token = await signedInAmbassador(acme, 'ann@acme.test');

      const res = await h.call('PUT', '/ambassadors/me', {
        token,
        body: { ...aProfile(), ...change },
      });

      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
    });
  });

  describe('availability', () => {
    let token: string;

    beforeEach(async () => {
      token = await signedInAmbassador(acme, 'ann@acme.test');
      await h.call('PUT', '/ambassadors/me', { token, body: aProfile() });
    });

    const setAvailability = (body: Record<string, unknown>) =>
      h.call('PUT', '/ambassadors/me/availability', { token, body });

    it('pausing hides the ambassador from the directory; active shows them again', async () => {
      expect((await setAvailability({ status: 'paused', weeklyCapacity: 3 })).status).toBe(200);
      expect(await publicNames('acme')).toEqual([]);

      expect((await setAvailability({ status: 'active', weeklyCapacity: 3 })).status).toBe(200);
      expect(await publicNames('acme')).toEqual(['Ann Example']);
    });

    it('away shows the return date publicly', async () => {
      const res = await setAvailability({
        status: 'away',
        returnsOn: daysFromToday(5),
        weeklyCapacity: 2,
      });

      expect(res.status).toBe(200);
      expect((res.body as OwnProfile).availability).toMatchObject({
        status: 'away',
        returnsOn: daysFromToday(5),
        weeklyCapacity: 2,
      });
      const card = ((await h.call('GET', '/public/orgs/acme/ambassadors')).body as CardPage)
        .items[0];
      expect(card?.availability).toEqual({ status: 'away', returnsOn: daysFromToday(5) });
    });

    it.each([
      ['away without a return date', { status: 'away', weeklyCapacity: 3 }, 'returnsOn'],
      [
        'away returning today',
        { status: 'away', returnsOn: daysFromToday(0), weeklyCapacity: 3 },
        'returnsOn',
      ],
      [
        'away returning yesterday',
        { status: 'away', returnsOn: daysFromToday(-1), weeklyCapacity: 3 },
        'returnsOn',
      ],
      [
        'a return date while active',
        { status: 'active', returnsOn: daysFromToday(3), weeklyCapacity: 3 },
        'returnsOn',
      ],
      [
        'a date-time as return date',
        { status: 'away', returnsOn: `${daysFromToday(3)}T10:00:00Z`, weeklyCapacity: 3 },
        'returnsOn',
      ],
      [
        'an impossible date',
        { status: 'away', returnsOn: '2031-02-30', weeklyCapacity: 3 },
        'returnsOn',
      ],
      ['an unknown status', { status: 'retired', weeklyCapacity: 3 }, 'status'],
      ['capacity above 50', { status: 'active', weeklyCapacity: 51 }, 'weeklyCapacity'],
      ['a negative capacity', { status: 'active', weeklyCapacity: -1 }, 'weeklyCapacity'],
      ['no capacity', { status: 'active' }, 'weeklyCapacity'],
    ])('refuses %s with 400', async (_what, body, field) => {
      const res = await setAvailability(body);

      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
    });

    it('is 404 before the profile exists', async () => {
      const other = await signedInAmbassador(acme, 'bob@acme.test');
      const res = await h.call('PUT', '/ambassadors/me/availability', {
        token: other,
        body: { status: 'active', weeklyCapacity: 3 },
      });
      expect(res.status).toBe(404);
    });
  });

  describe('who may do what', () => {
    it('answers 401 without a token and 403 for roles other than ambassador on /ambassadors/me', async () => {
      const employee = (await h.signedIn(acme, 'emp@acme.test', ['employee'])).tokens.accessToken;
      const hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;

      expect((await h.call('GET', '/ambassadors/me')).status).toBe(401);
      for (const token of [employee, hr]) {
        expect((await h.call('GET', '/ambassadors/me', { token })).status).toBe(403);
        const put = await h.call('PUT', '/ambassadors/me', { token, body: aProfile() });
        expect(put.status).toBe(403);
        expect(errorCode(put)).toBe('FORBIDDEN');
      }
    });

    it('refuses an API key a profile of its own', async () => {
      const admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens.accessToken;
      const created = await h.call('POST', '/api-keys', {
        token: admin,
        body: { name: 'bot', roles: ['ambassador'] },
      });
      const apiKey = (created.body as { key: string }).key;

      const res = await h.call('PUT', '/ambassadors/me', { apiKey, body: aProfile() });

      expect(res.status).toBe(403);
      expect(errorCode(res)).toBe('NOT_A_USER');
    });

    it('lets an ambassador read and change only their own profile by id; others get 404', async () => {
      const ann = await signedInAmbassador(acme, 'ann@acme.test');
      const bob = await signedInAmbassador(acme, 'bob@acme.test');
      const annId = (
        (await h.call('PUT', '/ambassadors/me', { token: ann, body: aProfile() }))
          .body as OwnProfile
      ).id;

      expect((await h.call('GET', `/ambassadors/${annId}`, { token: ann })).status).toBe(200);
      const own = await h.call('PUT', `/ambassadors/${annId}`, {
        token: ann,
        body: aProfile({ displayName: 'Ann Renamed' }),
      });
      expect(own.status).toBe(200);

      const read = await h.call('GET', `/ambassadors/${annId}`, { token: bob });
      const write = await h.call('PUT', `/ambassadors/${annId}`, {
        token: bob,
        body: aProfile({ displayName: 'Hijacked' }),
      });
      const pause = await h.call('PUT', `/ambassadors/${annId}/availability`, {
        token: bob,
        body: { status: 'paused', weeklyCapacity: 0 },
      });
      for (const res of [read, write, pause]) {
        expect(res.status).toBe(404);
        expect(errorCode(res)).toBe('NOT_FOUND');
      }
      expect(await publicNames('acme')).toEqual(['Ann Renamed']);
    });

    it('lets HR read and change ambassadors of their organization only, with an audit record', async () => {
      const { id } = await anAmbassador(h, acme, { displayName: 'Ann Example' });
      const acmeHr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
      const globexHr = (await h.signedIn(globex, 'hr@globex.test', ['hr'])).tokens.accessToken;

      const read = await h.call('GET', `/ambassadors/${id}`, { token: acmeHr });
      expect(read.status).toBe(200);
      expect((read.body as OwnProfile).userId).toEqual(expect.any(String));
      const paused = await h.call('PUT', `/ambassadors/${id}/availability`, {
        token: acmeHr,
        body: { status: 'paused', weeklyCapacity: 1 },
      });
      expect(paused.status).toBe(200);
      expect(await publicNames('acme')).toEqual([]);

      const audit = await h.call('GET', '/audit-log?action=ambassador.availability_changed', {
        token: acmeHr,
      });
      expect((audit.body as { items: { targetId: string; after: unknown }[] }).items).toEqual([
        expect.objectContaining({
          targetId: id,
          after: { status: 'paused', returnsOn: null, weeklyCapacity: 1 },
        }),
      ]);

      for (const res of [
        await h.call('GET', `/ambassadors/${id}`, { token: globexHr }),
        await h.call('PUT', `/ambassadors/${id}/availability`, {
          token: globexHr,
          body: { status: 'active', weeklyCapacity: 3 },
        }),
        await h.call('PUT', `/ambassadors/${id}`, { token: globexHr, body: aProfile() }),
      ]) {
        expect(res.status).toBe(404);
      }
    });

    it('lists every profile of the organization for HR, paused ones too, and nobody else', async () => {
      await anAmbassador(h, acme, { displayName: 'Ann' });
      await anAmbassador(h, acme, { displayName: 'Bob' }, { status: 'paused' });
      await anAmbassador(h, globex, { displayName: 'Gil' });
      const hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
      const employee = (await h.signedIn(acme, 'e@acme.test', ['employee'])).tokens.accessToken;

      const first = await h.call('GET', '/ambassadors?limit=1', { token: hr });
      const page = first.body as { items: OwnProfile[]; nextCursor: string };
      const second = await h.call('GET', `/ambassadors?limit=1&cursor=${page.nextCursor}`, {
        token: hr,
      });

      expect(page.items.map((i) => i.displayName)).toEqual(['Ann']);
      expect((second.body as { items: OwnProfile[] }).items.map((i) => i.displayName)).toEqual([
        'Bob',
      ]);
      expect((second.body as { nextCursor: string | null }).nextCursor).toBeNull();
      expect((await h.call('GET', '/ambassadors', { token: employee })).status).toBe(403);
    });
  });

  describe('owners who leave', () => {
    it('hides an ambassador whose user is deactivated or loses the ambassador role', async () => {
      const admin = (await h.signedIn(acme, 'admin@acme.test', ['admin'])).tokens.accessToken;
      const gone = await anAmbassador(h, acme, { displayName: 'Gone Gary', topics: ['rust'] });
      const demoted = await anAmbassador(h, acme, {
        displayName: 'Demoted Dora',
        topics: ['rust'],
      });
      await anAmbassador(h, acme, { displayName: 'Staying Sam', topics: ['rust'] });
      const visible = async () => ({
        list: await publicNames('acme'),
        text: (
          (await h.call('GET', '/public/orgs/acme/ambassadors?q=rust')).body as CardPage
        ).items.map((i) => i.displayName),
        name: (
          (await h.call('GET', '/public/orgs/acme/ambassadors?name=gary')).body as CardPage
        ).items.map((i) => i.displayName),
        match: (
          (await h.call('GET', '/public/orgs/acme/match?topic=rust')).body as CardPage
        ).items.map((i) => i.displayName),
        profile: (await h.call('GET', `/public/orgs/acme/ambassadors/${gone.id}`)).status,
      });
      expect((await visible()).list).toHaveLength(3);

      await h.call('PATCH', `/users/${gone.user.id}`, { token: admin, body: { isActive: false } });
      await h.call('PATCH', `/users/${demoted.user.id}`, {
        token: admin,
        body: { roles: ['employee'] },
      });

      expect(await visible()).toEqual({
        list: ['Staying Sam'],
        text: ['Staying Sam'],
        name: [],
        match: ['Staying Sam'],
        profile: 404,
      });
    });
  });

  describe('organization settings', () => {
    it('lets HR set the default weekly capacity, applied to those who never chose their own', async () => {
      const hr = (await h.signedIn(acme, 'hr@acme.test', ['hr'])).tokens.accessToken;
      const onDefault = await anAmbassador(h, acme, { displayName: 'Default Dana' });
      const chose = await anAmbassador(
        h,
        acme,
        { displayName: 'Chose Chris' },
        { weeklyCapacity: 1 },
      );

      expect((await h.call('GET', '/settings/ambassadors', { token: hr })).body).toEqual({
        defaultWeeklyCapacity: 3,
      });
      const put = await h.call('PUT', '/settings/ambassadors', {
        token: hr,
        body: { defaultWeeklyCapacity: 5 },
      });

      expect(put.status).toBe(200);
      expect(put.body).toEqual({ defaultWeeklyCapacity: 5, ambassadorsUpdated: 1 });
      const read = async (id: string) =>
        ((await h.call('GET', `/ambassadors/${id}`, { token: hr })).body as OwnProfile).availability
          .weeklyCapacity;
      expect(await read(onDefault.id)).toBe(5);
      expect(await read(chose.id)).toBe(1);
      const newcomer = await signedInAmbassador(acme, 'new@acme.test');
      const created = await h.call('PUT', '/ambassadors/me', { token: newcomer, body: aProfile() });
      expect((created.body as OwnProfile).availability.weeklyCapacity).toBe(5);
    });

    it('is for HR and admins only', async () => {
      const ambassador = await signedInAmbassador(acme, 'ann@acme.test');
      const res = await h.call('PUT', '/settings/ambassadors', {
        token: ambassador,
        body: { defaultWeeklyCapacity: 9 },
      });
      expect(res.status).toBe(403);
    });
  });
});
