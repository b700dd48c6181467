import { Logger } from '@nestjs/common';
import { createDataSource, inTransaction } from '@peerline/db';
import type { AuditService } from '@peerline/identity';
import { resetDatabase, TEST_DATABASE_URL } from '@peerline/testing';
import type { DataSource } from 'typeorm';
import type { AvailabilityFields } from './ambassador.types';
import { AmbassadorsRepository } from './ambassadors.repository';
import { AmbassadorsService } from './ambassadors.service';
import { toProfileFields } from './profile-fields.util';

// Reserve and release never write the audit log; the service only needs something in its place.
const noAudit = { record: async () => undefined } as unknown as AuditService;

const PARALLEL = 50;

describe('ambassador capacity', () => {
  let ds: DataSource;
  let repo: AmbassadorsRepository;
  let service: AmbassadorsService;
  let orgSeq = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    // One connection per concurrent reservation: each runs in its own transaction.
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: PARALLEL + 1 });
    await ds.initialize();
    repo = new AmbassadorsRepository();
    service = new AmbassadorsService(ds, repo, noAudit);
  });

  beforeEach(async () => {
    await resetDatabase(ds);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  async function anOrganization(timeZone = 'UTC'): Promise<string> {
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO organizations (slug, name, time_zone) VALUES ($1, $1, $2) RETURNING id`,
      [`org-${++orgSeq}`, timeZone],
    );
    return rows[0]?.id ?? '';
  }

  async function anAmbassador(
    organizationId: string,
    availability: Partial<AvailabilityFields> = {},
  ): Promise<string> {
    const users: { id: string }[] = await ds.query(
      `INSERT INTO users (organization_id, email, name, roles)
       VALUES ($1, gen_random_uuid() || '@example.test', 'A', ARRAY['ambassador']) RETURNING id`,
      [organizationId],
    );
    const { id } = await repo.upsertProfile(
      ds.manager,
      organizationId,
      users[0]?.id ?? '',
      toProfileFields({ displayName: 'Ann Example', timeZone: 'Europe/Berlin' }),
    );
    await setAvailability(organizationId, id, availability);
    return id;
  }

  async function setAvailability(
    organizationId: string,
    id: string,
    availability: Partial<AvailabilityFields>,
  ): Promise<void> {
    await repo.updateAvailability(
      ds.manager,
      organizationId,
      id,
      { status: 'active', returnsOn: null, weeklyCapacity: 5, ...availability },
      '0000-W00',
    );
  }

  const reserve = (org: string, id: string, at: Date, reference: string) =>
    inTransaction(ds, (tx) => service.reserveCapacity(tx, org, id, at, reference));
  const release = (org: string, id: string, reference: string) =>
    inTransaction(ds, (tx) => service.releaseCapacity(tx, org, id, reference));

  async function counters(id: string): Promise<{ iso_week: string; used: number }[]> {
    return ds.query(
      `SELECT iso_week, used FROM ambassador_capacity_weeks WHERE ambassador_id = $1 ORDER BY iso_week`,
      [id],
    );
  }

  const monday = new Date('2026-03-02T10:00:00Z');

  it('never over-books: 50 parallel reservations against capacity 5 take exactly 5 slots, 20 rounds', async () => {
    const org = await anOrganization('Europe/Berlin');
    for (let round = 0; round < 20; round++) {
      const id = await anAmbassador(org, { weeklyCapacity: 5 });
      const results = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          inTransaction(ds, async (tx) => {
            const ok = await service.reserveCapacity(tx, org, id, monday, `round-${round}:${i}`);
            // Hold the transaction open a moment so the others queue on the counter row.
            await tx.query('SELECT pg_sleep(0.002)');
            return ok;
          }),
        ),
      );

      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 5 }]);
      const held: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM ambassador_capacity_reservations
          WHERE ambassador_id = $1 AND released_at IS NULL`,
        [id],
      );
      expect(held[0]?.n).toBe(5);
    }
  }, 60_000);

  it('takes one slot for a reservation and its replay with the same reference', async () => {
    const org = await anOrganization();
    const id = await anAmbassador(org, { weeklyCapacity: 2 });

    expect(await reserve(org, id, monday, 'chat-request:1')).toBe(true);
    expect(await reserve(org, id, monday, 'chat-request:1')).toBe(true);
    const replays = await Promise.all(
      Array.from({ length: 10 }, () => reserve(org, id, monday, 'chat-request:2')),
    );

    expect(replays.every(Boolean)).toBe(true);
    expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 2 }]);
  });

  it('releases a slot once per reference, and only for its ambassador', async () => {
    const org = await anOrganization();
    const id = await anAmbassador(org, { weeklyCapacity: 1 });
    const other = await anAmbassador(org, { weeklyCapacity: 1 });

    expect(await reserve(org, id, monday, 'a')).toBe(true);
    expect(await reserve(org, id, monday, 'b')).toBe(false);
    expect(await release(org, other, 'a')).toBe(false);
    expect(await release(org, id, 'unknown')).toBe(false);
    expect(await release(org, id, 'a')).toBe(true);
    expect(await release(org, id, 'a')).toBe(false);
    expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 0 }]);

    expect(await reserve(org, id, monday, 'b')).toBe(true);
    expect(await reserve(org, id, monday, 'c')).toBe(false);
    expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 1 }]);
  });

  it('frees one slot when the same reference is released many times at once', async () => {
    const org = await anOrganization();
    const id = await anAmbassador(org, { weeklyCapacity: 3 });
    for (const ref of ['a', 'b', 'c']) expect(await reserve(org, id, monday, ref)).toBe(true);

    const results = await Promise.all(Array.from({ length: 20 }, () => release(org, id, 'a')));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 2 }]);
  });

  it('does not let a released reference take a slot again', async () => {
    const org = await anOrganization();
    const id = await anAmbassador(org, { weeklyCapacity: 3 });
    expect(await reserve(org, id, monday, 'once')).toBe(true);
    expect(await release(org, id, 'once')).toBe(true);

    expect(await reserve(org, id, monday, 'once')).toBe(false);
    expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 0 }]);
  });

  it('leaves nothing behind when a reservation is refused', async () => {
    const org = await anOrganization();
    const id = await anAmbassador(org, { weeklyCapacity: 1 });
    expect(await reserve(org, id, monday, 'first')).toBe(true);

    expect(await reserve(org, id, monday, 'second')).toBe(false);

    const refs: { reference: string }[] = await ds.query(
      'SELECT reference FROM ambassador_capacity_reservations ORDER BY reference',
    );
    expect(refs.map((r) => r.reference)).toEqual(['first']);
  });

  describe('ISO weeks in the organization time zone', () => {
    // Sunday 2026-01-04 23:30 in Berlin is 22:30 UTC; 00:30 Berlin on Monday is 23:30 UTC Sunday.
    const sunday2330Berlin = new Date('2026-01-04T22:30:00Z');
    const monday0030Berlin = new Date('2026-01-04T23:30:00Z');
    const monday0030Utc = new Date('2026-01-05T00:30:00Z');

    it('starts a new week at midnight between Sunday and Monday in Berlin', async () => {
      const org = await anOrganization('Europe/Berlin');
      const id = await anAmbassador(org, { weeklyCapacity: 1 });

      expect(await reserve(org, id, sunday2330Berlin, 'sunday')).toBe(true);
      expect(await reserve(org, id, monday0030Berlin, 'monday')).toBe(true);
      expect(await reserve(org, id, new Date('2026-01-04T21:00:00Z'), 'sunday-again')).toBe(false);
      expect(await counters(id)).toEqual([
        { iso_week: '2026-W01', used: 1 },
        { iso_week: '2026-W02', used: 1 },
      ]);
    });

    it('keeps the same instants in one week for an organization on UTC', async () => {
      const org = await anOrganization('UTC');
      const id = await anAmbassador(org, { weeklyCapacity: 1 });

      expect(await reserve(org, id, sunday2330Berlin, 'sunday')).toBe(true);
      expect(await reserve(org, id, monday0030Berlin, 'still-sunday-in-utc')).toBe(false);
      expect(await reserve(org, id, monday0030Utc, 'monday')).toBe(true);
      expect(await counters(id)).toEqual([
        { iso_week: '2026-W01', used: 1 },
        { iso_week: '2026-W02', used: 1 },
      ]);
    });

    it('uses the ISO week-numbering year at the turn of the year', async () => {
      const org = await anOrganization('America/New_York');
      const id = await anAmbassador(org, { weeklyCapacity: 5 });

      // Friday 2027-01-01 is in week 53 of ISO year 2026; 2025-12-29 (Monday) is 2026-W01.
      expect(await reserve(org, id, new Date('2027-01-01T12:00:00Z'), 'new-year')).toBe(true);
      expect(await reserve(org, id, new Date('2025-12-29T12:00:00Z'), 'old-year')).toBe(true);
      expect((await counters(id)).map((c) => c.iso_week)).toEqual(['2026-W01', '2026-W53']);
    });
  });

  describe('who can be reserved', () => {
    it('refuses paused ambassadors, capacity 0, unknown ids and other organizations', async () => {
      const org = await anOrganization();
      const otherOrg = await anOrganization();
      const paused = await anAmbassador(org, { status: 'paused' });
      const none = await anAmbassador(org, { weeklyCapacity: 0 });
      const stranger = await anAmbassador(otherOrg);

      expect(await reserve(org, paused, monday, 'p')).toBe(false);
      expect(await reserve(org, none, monday, 'n')).toBe(false);
      expect(await reserve(org, '00000000-0000-4000-8000-000000000000', monday, 'u')).toBe(false);
      expect(await reserve(org, 'not-a-uuid', monday, 'x')).toBe(false);
      expect(await reserve(org, stranger, monday, 's')).toBe(false);
      expect(await counters(stranger)).toEqual([]);
    });

    it('refuses an away ambassador before the return date and accepts from that date', async () => {
      const org = await anOrganization('Europe/Berlin');
      const id = await anAmbassador(org, { status: 'away', returnsOn: '2026-03-05' });

      expect(await reserve(org, id, new Date('2026-03-04T12:00:00Z'), 'before')).toBe(false);
      // 23:30 UTC on the 4th is already the 5th in Berlin.
      expect(await reserve(org, id, new Date('2026-03-04T23:30:00Z'), 'on-the-day')).toBe(true);
    });

    it('applies a capacity change to the current week at once', async () => {
      const org = await anOrganization();
      const id = await anAmbassador(org, { weeklyCapacity: 3 });
      expect(await reserve(org, id, monday, 'a')).toBe(true);
      expect(await reserve(org, id, monday, 'b')).toBe(true);

      await setAvailability(org, id, { weeklyCapacity: 2 });
      expect(await reserve(org, id, monday, 'c')).toBe(false);

      await setAvailability(org, id, { weeklyCapacity: 4 });
      expect(await reserve(org, id, monday, 'd')).toBe(true);
      expect(await counters(id)).toEqual([{ iso_week: '2026-W10', used: 3 }]);
    });
  });
});
