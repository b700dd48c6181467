import { Global, Logger, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ManualClock } from '@peerline/contracts';
import { createDataSource } from '@peerline/db';
import { jobSchedules, SCHEDULED_JOB_METADATA } from '@peerline/queue';
import { resetDatabase, TEST_DATABASE_URL } from '@peerline/testing';
import { DataSource } from 'typeorm';
import { AmbassadorsWorkerModule } from './ambassadors.module';
import { AmbassadorsRepository } from './ambassadors.repository';
import { RefreshUtcOffsetsProcessor } from './jobs/refresh-utc-offsets.processor';
import { toProfileFields } from './profile-fields.util';
import { utcOffsetMinutes } from './time-zone.util';
import { UtcOffsetsService } from './utc-offsets.service';

const JULY = new Date('2026-07-15T12:00:00Z');
const JANUARY = new Date('2027-01-15T12:00:00Z');
// Europe/Berlin leaves summer time at 01:00 UTC on the last Sunday of October.
const BEFORE_BERLIN_CHANGE = new Date('2026-10-25T00:59:00Z');
const AFTER_BERLIN_CHANGE = new Date('2026-10-25T01:00:00Z');

describe('refreshing stored UTC offsets across DST changes', () => {
  let ds: DataSource;
  const clock = new ManualClock(JULY);
  const repo = new AmbassadorsRepository();
  let service: UtcOffsetsService;
  let n = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await ds.initialize();
    service = new UtcOffsetsService(ds, repo, clock);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  let acme: string;
  let globex: string;

  beforeEach(async () => {
    await resetDatabase(ds);
    const orgs: { id: string }[] = await ds.query(
      `INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')
       RETURNING id`,
    );
    acme = orgs[0]?.id ?? '';
    globex = orgs[1]?.id ?? '';
  });

  /** A profile as written at `at` (its offset computed then). */
  async function add(org: string, timeZone: string, at: Date): Promise<string> {
    const users: { id: string }[] = await ds.query(
      `INSERT INTO users (organization_id, email, name, roles)
       VALUES ($1, $2, 'x', ARRAY['ambassador']) RETURNING id`,
      [org, `user-${++n}@example.test`],
    );
    const { id } = await repo.upsertProfile(
      ds.manager,
      org,
      users[0]?.id ?? '',
      toProfileFields({ displayName: `Person ${n}`, timeZone }, at),
    );
    return id;
  }

  async function offsets(): Promise<Record<string, number[]>> {
    const rows: { time_zone: string; offsets: number[] }[] = await ds.query(
      `SELECT time_zone, array_agg(utc_offset_minutes ORDER BY utc_offset_minutes) AS offsets
         FROM ambassadors GROUP BY time_zone ORDER BY time_zone`,
    );
    return Object.fromEntries(rows.map((r) => [r.time_zone, r.offsets]));
  }

  const run = () => new RefreshUtcOffsetsProcessor(service).run();
  const refresh = () => service.refresh();

  it('moves Europe/Berlin between +2 in July and +1 in January, in every organization', async () => {
    await add(acme, 'Europe/Berlin', JANUARY);
    await add(globex, 'Europe/Berlin', JANUARY);
    await add(acme, 'America/New_York', JANUARY);
    await add(acme, 'Asia/Kolkata', JANUARY);
    await add(acme, 'UTC', JANUARY);

    clock.set(JULY);
    await run();
    expect(await offsets()).toEqual({
      'America/New_York': [-240],
      'Asia/Kolkata': [330],
      'Europe/Berlin': [120, 120],
      UTC: [0],
    });

    clock.set(JANUARY);
    await run();
    expect(await offsets()).toEqual({
      'America/New_York': [-300],
      'Asia/Kolkata': [330],
      'Europe/Berlin': [60, 60],
      UTC: [0],
    });
  });

  it('updates only zones whose offset changed, and a second run changes nothing', async () => {
    await add(acme, 'Europe/Berlin', JULY);
    await add(acme, 'Europe/Berlin', JULY);
    await add(acme, 'Asia/Kolkata', JULY);
    await add(acme, 'Australia/Sydney', JULY);
    const before: { id: string; updated_at: Date }[] = await ds.query(
      'SELECT id, updated_at FROM ambassadors ORDER BY id',
    );

    clock.set(JANUARY);
    // Berlin +2 → +1, Sydney +10 → +11 (southern summer); Kolkata has no DST.
    expect(await refresh()).toEqual({ zones: 3, changedZones: 2, profiles: 3 });
    expect(await refresh()).toEqual({ zones: 3, changedZones: 0, profiles: 0 });
    expect(await offsets()).toEqual({
      'Asia/Kolkata': [330],
      'Australia/Sydney': [660],
      'Europe/Berlin': [60, 60],
    });
    // Nobody edited these profiles: their updated_at stays.
    expect(await ds.query('SELECT id, updated_at FROM ambassadors ORDER BY id')).toEqual(before);
  });

  it('follows the change at its instant and mends a profile left stale within a zone', async () => {
    const a = await add(acme, 'Europe/Berlin', JULY);
    const b = await add(acme, 'Europe/Berlin', JULY);
    // One of the two was saved just before the change, the other just after: mixed offsets.
    await ds.query('UPDATE ambassadors SET utc_offset_minutes = 60 WHERE id = $1', [b]);

    clock.set(BEFORE_BERLIN_CHANGE);
    expect(await refresh()).toMatchObject({ changedZones: 1, profiles: 1 });
    clock.set(AFTER_BERLIN_CHANGE);
    expect(await refresh()).toMatchObject({ changedZones: 1, profiles: 2 });
    const rows: { id: string; utc_offset_minutes: number }[] = await ds.query(
      'SELECT id, utc_offset_minutes FROM ambassadors WHERE id = ANY($1::uuid[]) ORDER BY id',
      [[a, b]],
    );
    expect(rows.map((r) => r.utc_offset_minutes)).toEqual([60, 60]);
  });

  it('is wired as the scheduled job the worker runs, on the system clock', async () => {
    const stale = await add(acme, 'Europe/Berlin', JULY);
    await ds.query('UPDATE ambassadors SET utc_offset_minutes = 600 WHERE id = $1', [stale]);
    // The worker's module as the worker builds it, over this test's database.
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: ds }], exports: [DataSource] })
    class TestDbModule {}
    @Module({ imports: [TestDbModule, AmbassadorsWorkerModule] })
    class HostModule {}
    const app: INestApplicationContext = await NestFactory.createApplicationContext(HostModule, {
      logger: false,
    });
    try {
      await app.get(RefreshUtcOffsetsProcessor).run();
    } finally {
      await app.close();
    }
    expect(await offsets()).toEqual({ 'Europe/Berlin': [utcOffsetMinutes('Europe/Berlin')] });

    expect(Reflect.getMetadata(SCHEDULED_JOB_METADATA, RefreshUtcOffsetsProcessor)).toBe(
      'ambassadors.refresh-utc-offsets',
    );
    const schedule = jobSchedules({
      DIGEST_SWEEP_EVERY_SECONDS: 300,
      JOB_SCHEDULER_REFRESH_SECONDS: 60,
    }).find((s) => s.job === 'ambassadors.refresh-utc-offsets');
    expect(schedule?.repeat).toEqual({ pattern: expect.any(String) });
  });
});
