import type { OrganizationView } from '@peerline/identity';
import {
  anAmbassador,
  book,
  daysFromToday,
  type Card,
  type CardPage,
  useDirectoryEnv,
  type MatchItem,
  type PublicProfile,
} from './ambassadors.harness';
import { errorCode, IdentityHarness, type HttpResult } from './identity.harness';

describe('ambassador directory: public search, profiles and matching', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    useDirectoryEnv();
    h = await IdentityHarness.start();
  });

  afterAll(async () => {
    await h.close();
  });

  const search = async (slug: string, query = ''): Promise<HttpResult> =>
    h.call('GET', `/public/orgs/${slug}/ambassadors${query ? `?${query}` : ''}`);
  const names = (res: HttpResult): string[] =>
    (res.body as CardPage).items.map((i) => i.displayName);
  const sorted = (list: string[]) => [...list].sort();

  describe('with a small organization', () => {
    let acme: OrganizationView;
    let globex: OrganizationView;
    const ids: Record<string, string> = {};
    const userIds: string[] = [];

    beforeAll(async () => {
      await h.reset();
      acme = await h.createOrg('acme');
      globex = await h.createOrg('globex');
      const add = async (
        org: OrganizationView,
        key: string,
        profile: Parameters<typeof anAmbassador>[2],
        availability: Parameters<typeof anAmbassador>[3],
      ) => {
        const { id, user } = await anAmbassador(h, org, profile, availability);
        ids[key] = id;
        userIds.push(user.id);
      };
      await add(
        acme,
        'john',
        {
          displayName: 'John Okafor',
          topics: ['Rust', 'k8s'],
          team: 'Platform',
          level: 'Senior',
          languages: ['en', 'de'],
          timeZone: 'Europe/Berlin',
          bio: 'Rust services and PostgreSQL for fleet telemetry.',
        },
        { weeklyCapacity: 5 },
      );
      await add(
        acme,
        'maria',
        {
          displayName: 'Maria Lopez',
          topics: ['Distributed Tracing', 'golang'],
          team: 'Observability',
          level: 'Staff',
          languages: ['en', 'es'],
          timeZone: 'America/New_York',
          bio: 'I introduced distributed tracing across three hundred services.',
        },
        { weeklyCapacity: 4 },
      );
      await add(
        acme,
        'wei',
        {
          displayName: 'Wei Chen',
          topics: ['react', 'ts'],
          team: 'Web',
          level: 'Mid',
          languages: ['en', 'zh'],
          timeZone: 'Asia/Shanghai',
          bio: 'Frontend performance and design systems.',
        },
        { weeklyCapacity: 3 },
      );
      await add(
        acme,
        'priya',
        {
          displayName: 'Priya Nair',
          topics: ['kubernetes', 'go'],
          team: 'platform',
          level: 'staff',
          languages: ['en', 'hi'],
          timeZone: 'Asia/Kolkata',
          bio: 'Schedulers and clusters.',
        },
        { weeklyCapacity: 2 },
      );
      await add(
        acme,
        'fay',
        {
          displayName: 'Fay Full',
          topics: ['kubernetes'],
          team: 'Platform',
          bio: 'Busy this week.',
        },
        { weeklyCapacity: 1 },
      );
      await add(
        acme,
        'pat',
        { displayName: 'Pat Paused', topics: ['rust', 'kubernetes'], bio: 'Taking a break.' },
        { status: 'paused' },
      );
      await add(
        acme,
        'alex',
        { displayName: 'Alex Away', topics: ['rust'], bio: 'On parental leave.' },
        { status: 'away', returnsOn: daysFromToday(10) },
      );
      await add(
        globex,
        'globexJohn',
        {
          displayName: 'John Smith',
          topics: ['rust', 'kubernetes'],
          team: 'Platform',
          level: 'Senior',
          languages: ['en', 'de'],
          bio: 'Distributed tracing at Globex.',
        },
        { weeklyCapacity: 5 },
      );
      await book(h, acme, ids['fay'] ?? '', 1);
    });

    describe('listing', () => {
      it('lists active and away ambassadors by slots left this week, never paused ones', async () => {
        const res = await search('acme');

        expect(res.status).toBe(200);
        const page = res.body as CardPage;
        expect(page.nextCursor).toBeNull();
        expect(page.items.slice(0, 4).map((i) => i.displayName)).toEqual([
          'John Okafor',
          'Maria Lopez',
          'Wei Chen',
          'Priya Nair',
        ]);
        expect(sorted(page.items.slice(4).map((i) => i.displayName))).toEqual([
          'Alex Away',
          'Fay Full',
        ]);
      });

      it('shows away ambassadors with their return date and no capacity', async () => {
        const alex = (await search('acme')).body as CardPage;
        const card = alex.items.find((i) => i.displayName === 'Alex Away');

        expect(card?.availability).toEqual({ status: 'away', returnsOn: daysFromToday(10) });
        expect(card?.hasCapacity).toBe(false);
        expect(alex.items.find((i) => i.displayName === 'John Okafor')?.availability).toEqual({
          status: 'active',
          returnsOn: null,
        });
      });

      it('exposes the public id and card fields only: no user id, no e-mail', async () => {
        const res = await search('acme');
        const text = JSON.stringify(res.body);

        for (const userId of userIds) expect(text).not.toContain(userId);
        expect(text).not.toContain('@');
        expect(Object.keys((res.body as CardPage).items[0] ?? {}).sort()).toEqual(
          [
            'availability',
            'department',
            'displayName',
            'hasCapacity',
            'id',
            'languages',
            'level',
            'location',
            'photoUrl',
            'team',
            'timeZone',
            'title',
            'topics',
            'utcOffsetMinutes',
          ].sort(),
        );
      });

      it('never shows another organization’s ambassadors', async () => {
        expect(names(await search('acme'))).not.toContain('John Smith');
        expect(names(await search('globex'))).toEqual(['John Smith']);
      });

      it('answers 404 for an unknown organization', async () => {
        for (const slug of ['initech', 'x', 'UPPER_case!']) {
          const res = await search(slug);
          expect(res.status).toBe(404);
          expect(errorCode(res)).toBe('NOT_FOUND');
        }
      });
    });

    describe('filters', () => {
      it.each([
        ['topic=rust', ['Alex Away', 'John Okafor']],
        ['topic=K8s', ['Fay Full', 'John Okafor', 'Priya Nair']],
        ['topic=rust&topic=kubernetes', ['John Okafor']],
        ['topic=distributed%20tracing', ['Maria Lopez']],
        ['topic=typescript', ['Wei Chen']],
        ['topic=rust&topic=react', []],
        ['team=PLATFORM', ['Alex Away', 'Fay Full', 'John Okafor', 'Priya Nair']],
        ['level=staff', ['Maria Lopez', 'Priya Nair']],
        ['language=DE', ['John Okafor']],
        ['tzFrom=-6&tzTo=-3', ['Maria Lopez']],
        ['tzFrom=5.5&tzTo=5.5', ['Priya Nair']],
        ['tzFrom=8', ['Wei Chen']],
        ['tzTo=-1', ['Maria Lopez']],
        ['hasCapacity=true', ['John Okafor', 'Maria Lopez', 'Priya Nair', 'Wei Chen']],
        ['hasCapacity=true&topic=kubernetes', ['John Okafor', 'Priya Nair']],
        ['hasCapacity=false&topic=rust', ['Alex Away', 'John Okafor']],
        ['team=Platform&level=Senior&language=de&topic=rust', ['John Okafor']],
      ])('%s', async (query, expected) => {
        const res = await search('acme', query);

        expect(res.status).toBe(200);
        expect(sorted(names(res))).toEqual(expected);
      });

      it('finds "John" for the misspelt name "jonh", only in its own organization', async () => {
        const res = await search('acme', 'name=jonh');

        expect(res.status).toBe(200);
        expect(names(res)).toEqual(['John Okafor']);
        expect(names(await search('globex', 'name=jonh'))).toEqual(['John Smith']);
      });

      it('searches bio, topics, prompts and title in full text, best match first', async () => {
        const res = await search('acme', `q=${encodeURIComponent('distributed tracing')}`);

        expect(res.status).toBe(200);
        expect(names(res)).toEqual(['Maria Lopez']);
        expect(names(await search('acme', 'q=kubernetes'))).toEqual(
          expect.arrayContaining(['John Okafor', 'Priya Nair', 'Fay Full']),
        );
        expect(names(await search('acme', 'q=kubernetes'))).not.toContain('Pat Paused');
      });

      it('combines full text with filters and ignores empty text parameters', async () => {
        expect(names(await search('acme', 'q=kubernetes&hasCapacity=true&team=platform'))).toEqual(
          expect.arrayContaining(['John Okafor', 'Priya Nair']),
        );
        expect(names(await search('acme', 'q=&name=')).length).toBe(6);
      });
    });

    describe('public profile', () => {
      const profile = (slug: string, id: string) =>
        h.call('GET', `/public/orgs/${slug}/ambassadors/${id}`);

      it('answers the profile with bio, prompts, links and jobs, and nothing private', async () => {
        const res = await profile('acme', ids['maria'] ?? '');

        expect(res.status).toBe(200);
        const body = res.body as PublicProfile;
        expect(body).toMatchObject({
          id: ids['maria'],
          displayName: 'Maria Lopez',
          topics: ['distributed-tracing', 'go'],
          bio: 'I introduced distributed tracing across three hundred services.',
          askMeAbout: ['Anything'],
          links: [{ label: 'GitHub', url: 'https://github.com/example' }],
          jobs: ['JOB-1'],
          hasCapacity: true,
        });
        expect(body).not.toHaveProperty('userId');
        expect(JSON.stringify(body)).not.toContain('@');
      });

      it('answers 404 for paused, unknown, malformed and other organizations’ ambassadors', async () => {
        const cases: [string, string][] = [
          ['acme', ids['pat'] ?? ''],
          ['acme', '3f1d5f7e-0000-4000-8000-000000000000'],
          ['acme', 'not-a-uuid'],
          ['acme', ids['globexJohn'] ?? ''],
          ['globex', ids['john'] ?? ''],
          ['initech', ids['john'] ?? ''],
        ];
        for (const [slug, id] of cases) {
          const res = await profile(slug, id);
          expect({ slug, id, status: res.status, code: errorCode(res) }).toEqual({
            slug,
            id,
            status: 404,
            code: 'NOT_FOUND',
          });
        }
      });

      it('shows an away ambassador with the return date', async () => {
        const res = await profile('acme', ids['alex'] ?? '');

        expect(res.status).toBe(200);
        expect((res.body as Card).availability).toEqual({
          status: 'away',
          returnsOn: daysFromToday(10),
        });
      });
    });

    describe('matching', () => {
      const match = (slug: string, query: string) =>
        h.call('GET', `/public/orgs/${slug}/match?${query}`);

      it('ranks ambassadors with a slot this week and says why', async () => {
        const res = await match('acme', 'topic=rust&topic=k8s&team=platform&language=de');

        expect(res.status).toBe(200);
        const items = (res.body as { items: MatchItem[] }).items;
        expect(items.map((i) => i.displayName)).toEqual(['John Okafor', 'Priya Nair']);
        expect(items[0]?.reasons).toEqual([
          { code: 'shared_topics', topics: ['rust', 'kubernetes'] },
          { code: 'same_team', team: 'Platform' },
          { code: 'speaks_language', language: 'de' },
        ]);
        expect(items[1]?.reasons).toEqual([
          { code: 'shared_topics', topics: ['kubernetes'] },
          { code: 'same_team', team: 'platform' },
        ]);
        expect(items[0]?.score).toBeGreaterThan(items[1]?.score ?? Infinity);
      });

      it('leaves out paused, away and fully booked ambassadors and other organizations', async () => {
        const res = await match('acme', 'topic=rust&topic=kubernetes');

        const shown = (res.body as { items: MatchItem[] }).items.map((i) => i.displayName);
        expect(shown).toEqual(['John Okafor', 'Priya Nair']);
      });

      it('matches on department and team alone', async () => {
        const res = await match('acme', 'department=engineering&limit=2');

        expect(res.status).toBe(200);
        const items = (res.body as { items: MatchItem[] }).items;
        expect(items).toHaveLength(2);
        expect(items[0]?.reasons).toEqual([{ code: 'same_department', department: 'Engineering' }]);
      });

      it.each([
        ['no criterion', ''],
        ['a job id (not supported yet)', 'topic=rust&jobId=42'],
        ['a limit above 50', 'topic=rust&limit=51'],
        ['an unusable topic', 'topic=%21%21%21'],
      ])('refuses %s with 400', async (_what, query) => {
        const res = await match('acme', query);

        expect(res.status).toBe(400);
        expect(errorCode(res)).toBe('VALIDATION_FAILED');
      });
    });

    describe('bad input', () => {
      it.each([
        ['an unknown filter', 'colour=blue'],
        ['the old tz filter', 'tz=2'],
        ['a limit above 100', 'limit=101'],
        ['a limit of 0', 'limit=0'],
        ['a limit that is not a number', 'limit=ten'],
        ['a malformed cursor', 'cursor=not-a-cursor'],
        [
          'a forged cursor',
          `cursor=${Buffer.from('{"m":"c","r":1,"i":"x\' OR 1=1"}').toString('base64url')}`,
        ],
        ['tzFrom after tzTo', 'tzFrom=3&tzTo=-3'],
        ['a time zone offset that is not a number', 'tzFrom=east'],
        ['an offset beyond +14', 'tzTo=15'],
        ['hasCapacity that is not true or false', 'hasCapacity=yes'],
        ['eleven topics', Array.from({ length: 11 }, (_, i) => `topic=t${i}`).join('&')],
        ['q given twice', 'q=a&q=b'],
        ['a 10 kB full-text query', `q=${'a'.repeat(10_000)}`],
        ['a 10 kB name', `name=${'b'.repeat(10_000)}`],
        ['a 10 kB unknown parameter', `x=${'c'.repeat(10_000)}`],
        ['a language that is not a code', 'language=klingon%21'],
      ])('answers 400 VALIDATION_FAILED in the error shape for %s', async (_what, query) => {
        const res = await search('acme', query);

        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/json');
        expect(errorCode(res)).toBe('VALIDATION_FAILED');
      });

      it('answers an over-long URL with a 4xx JSON error, never a 500', async () => {
        const res = await search('acme', `q=${'a'.repeat(20_000)}`);

        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/json');
      });

      it('answers an over-long organization slug with a 4xx JSON error, never a 500', async () => {
        const res = await search('a'.repeat(300));

        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/json');
      });
    });
  });

  describe('fuzzy name ranking', () => {
    beforeAll(async () => {
      await h.reset();
      const initech = await h.createOrg('initech');
      for (const displayName of ['Jonathan Reyes', 'Johanna Li', 'John Carter']) {
        await anAmbassador(h, initech, { displayName }, { weeklyCapacity: 3 });
      }
    });

    it('ranks "John" first for "jonh", above names that share more of its letters', async () => {
      const res = await search('initech', 'name=jonh');

      expect(res.status).toBe(200);
      expect(names(res)[0]).toBe('John Carter');
      expect(names(res)).toEqual(expect.arrayContaining(['Jonathan Reyes', 'Johanna Li']));
    });

    it('still ranks the name as typed first when it is spelt right', async () => {
      expect(names(await search('initech', 'name=jonathan'))[0]).toBe('Jonathan Reyes');
      expect(names(await search('initech', 'name=johanna'))[0]).toBe('Johanna Li');
      expect(names(await search('initech', 'name=john%20carter'))[0]).toBe('John Carter');
    });

    it('answers names holding regular-expression characters like any other name', async () => {
      for (const name of ['jo(nh', 'jo\\nh', "o'nh", 'jo[nh', 'j*o+n?h']) {
        const res = await search('initech', `name=${encodeURIComponent(name)}`);
        expect([name, res.status]).toEqual([name, 200]);
      }
    });

    it('pages through a name search in rank order without duplicates', async () => {
      const first = await search('initech', 'name=jonh&limit=1');
      const page = first.body as CardPage;
      expect(names(first)).toEqual(['John Carter']);
      const rest = await search(
        'initech',
        `name=jonh&limit=5&cursor=${encodeURIComponent(page.nextCursor ?? '')}`,
      );
      expect(rest.status).toBe(200);
      expect(sorted(names(rest))).toEqual(['Johanna Li', 'Jonathan Reyes']);
    });
  });

  describe('cursor pagination while ambassadors are added', () => {
    let acme: OrganizationView;
    let added = 0;

    beforeAll(async () => {
      await h.reset();
      acme = await h.createOrg('acme');
    });

    const addOne = async (capacity: number, bio: string) => {
      added++;
      return (
        await anAmbassador(
          h,
          acme,
          { displayName: `Person ${added}`, topics: ['kubernetes'], bio },
          { weeklyCapacity: capacity },
        )
      ).id;
    };

    async function walk(
      query: string,
      insertBetweenPages: () => Promise<unknown>,
    ): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `${query}&limit=6${cursor ? `&cursor=${cursor}` : ''}`;
        // The insert races the page fetch: rows land before, during and after it.
        const [res] = await Promise.all([search('acme', url), insertBetweenPages()]);
        expect(res.status).toBe(200);
        const page = res.body as CardPage;
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 50);
      return seen;
    }

    it('returns every ambassador that existed before, once, ordered by capacity', async () => {
      const before: string[] = [];
      for (let i = 0; i < 25; i++) before.push(await addOne(i % 6, 'Kubernetes operators.'));
      // Some newcomers sort before the cursor, some after it.
      let n = 0;
      const seen = await walk('hasCapacity=false', () =>
        Promise.all([addOne((n++ * 5) % 6, 'New.'), addOne((n++ * 5) % 6, 'New.')]),
      );

      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before));
    });

    it('does the same for a relevance-ordered full-text search', async () => {
      const before: string[] = [];
      for (let i = 0; i < 20; i++) {
        // Varied relevance, and ties in relevance that capacity and id must break.
        const bio = i % 3 === 0 ? 'Kubernetes, kubernetes and more kubernetes.' : 'Kubernetes.';
        before.push(await addOne(i % 4, bio));
      }
      const seen = await walk('q=kubernetes', () => addOne(added % 5, 'Kubernetes kubernetes.'));

      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before));
    });
  });
});
