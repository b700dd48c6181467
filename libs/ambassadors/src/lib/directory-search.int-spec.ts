import { Logger } from '@nestjs/common';
import { createDataSource } from '@peerline/db';
import { resetDatabase, TEST_DATABASE_URL } from '@peerline/testing';
import type { DataSource } from 'typeorm';
import type {
  AvailabilityFields,
  DirectoryCursor,
  DirectoryFilters,
  DirectoryRow,
} from './ambassador.types';
import { AmbassadorsRepository } from './ambassadors.repository';
import { toProfileFields } from './profile-fields.util';

const noFilters: DirectoryFilters = { topics: [], hasCapacity: false };

describe('directory search statements', () => {
  let ds: DataSource;
  const repo = new AmbassadorsRepository();
  let org: string;
  let n = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await ds.initialize();
  });

  beforeEach(async () => {
    await resetDatabase(ds);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme') RETURNING id`,
    );
    org = rows[0]?.id ?? '';
  });

  afterAll(async () => {
    await ds.destroy();
  });

  async function add(
    bio: string,
    availability: Partial<AvailabilityFields> = {},
    userActive = true,
  ): Promise<string> {
    const users: { id: string }[] = await ds.query(
      `INSERT INTO users (organization_id, email, name, roles, is_active)
       VALUES ($1, $2, 'x', ARRAY['ambassador'], $3) RETURNING id`,
      [org, `user-${++n}@acme.test`, userActive],
    );
    const { id } = await repo.upsertProfile(
      ds.manager,
      org,
      users[0]?.id ?? '',
      toProfileFields({ displayName: `Person ${n}`, timeZone: 'UTC', bio }),
    );
    await repo.updateAvailability(
      ds.manager,
      org,
      id,
      { status: 'active', returnsOn: null, weeklyCapacity: 3, ...availability },
      '0000-W00',
    );
    return id;
  }

  const search = async (
    filters: Partial<DirectoryFilters>,
    take: number,
    after: DirectoryCursor | null = null,
  ) => {
    const found = await repo.searchPublic(
      ds.manager,
      'acme',
      { ...noFilters, ...filters },
      after,
      take,
    );
    return found?.rows ?? [];
  };

  it('finds visible matches ranked below many hidden ones', async () => {
    // 60 better-ranked matches whose users are deactivated, more than the owner check's slack.
    for (let i = 0; i < 60; i++) await add('rust rust rust rust', {}, false);
    const visible = [await add('rust'), await add('rust'), await add('rust')];

    const rows = await search({ q: 'rust' }, 21);

    expect(rows.map((r) => r.id).sort()).toEqual([...visible].sort());
  });

  it('pages through relevance results past hidden ones without losing or repeating any', async () => {
    const visible: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await add(i % 3 === 0 ? 'kafka kafka kafka' : 'kafka', {}, i % 2 === 0);
      if (i % 2 === 0) visible.push(id);
    }
    const seen: string[] = [];
    let after: DirectoryCursor | null = null;
    for (let page = 0; page < 20; page++) {
      const rows: DirectoryRow[] = await search({ q: 'kafka' }, 4, after);
      const items = rows.slice(0, 3);
      seen.push(...items.map((r) => r.id));
      const last = items[items.length - 1];
      if (rows.length < 4 || !last) break;
      after = {
        mode: 'relevance',
        score: last.score ?? '',
        remaining: last.remaining,
        id: last.id,
      };
    }

    expect(seen.length).toBe(visible.length);
    expect([...seen].sort()).toEqual([...visible].sort());
  });

  it('puts away ambassadors after everyone with a free slot, and reaches them by cursor', async () => {
    const active = [];
    for (let i = 0; i < 5; i++) active.push(await add('a', { weeklyCapacity: 1 + (i % 3) }));
    const away = [
      await add('b', { status: 'away', returnsOn: '2999-01-01' }),
      await add('c', { status: 'away', returnsOn: '2999-01-01' }),
    ];
    const zero = await add('d', { weeklyCapacity: 0 });

    const all = await search({}, 20);
    expect(
      all
        .map((r) => r.id)
        .slice(0, 5)
        .sort(),
    ).toEqual([...active].sort());
    expect(
      all
        .slice(5)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...away, zero].sort());
    expect(all.map((r) => r.remaining)).toEqual(
      [...all.map((r) => r.remaining)].sort((a, b) => b - a),
    );

    // A page that ends among those with slots, then the rest by cursor.
    const first = await search({}, 6);
    const last = first[4];
    expect(last).toBeDefined();
    const rest = await search({}, 20, {
      mode: 'capacity',
      remaining: last?.remaining ?? 0,
      id: last?.id ?? '',
    });
    expect([...first.slice(0, 5), ...rest].map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('gives, for every page size, the first rows of the complete order', async () => {
    for (let i = 0; i < 4; i++) await add('a', { weeklyCapacity: 2 + i });
    for (let i = 0; i < 4; i++) await add('z', { weeklyCapacity: 0 });
    for (let i = 0; i < 4; i++) await add('w', { status: 'away', returnsOn: '2999-01-01' });
    const complete = (await search({}, 100)).map((r) => r.id);
    expect(complete).toHaveLength(12);

    for (let take = 1; take <= 12; take++) {
      expect((await search({}, take)).map((r) => r.id)).toEqual(complete.slice(0, take));
    }
  });

  it('returns exactly the requested number of rows for any limit', async () => {
    for (let i = 0; i < 30; i++) await add('x', { weeklyCapacity: i % 4 });
    for (const take of [1, 5, 21, 22, 30, 31]) {
      expect(await search({}, take)).toHaveLength(Math.min(take, 30));
    }
  });
});
