import type { INestApplicationContext } from '@nestjs/common';
import {
  AmbassadorsService,
  type UpdateAvailabilityDto,
  type UpsertProfileDto,
} from '@peerline/ambassadors';
import { inTransaction } from '@peerline/db';
import { OrganizationsService, UsersService, type OrganizationView } from '@peerline/identity';
import { DataSource } from 'typeorm';
import type { DemoAmbassador } from './demo-ambassadors';

export const SCALE_ORGANIZATION = {
  slug: 'scale',
  name: 'Scale Test Inc.',
  timeZone: 'Europe/Berlin',
};

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

function profileOf(a: DemoAmbassador): UpsertProfileDto {
  return {
    displayName: a.name,
    title: a.title,
    team: a.team,
    department: a.department,
    level: a.level,
    location: a.location,
    timeZone: a.timeZone,
    languages: a.languages,
    topics: a.topics,
    bio: a.bio,
    askMeAbout: a.askMeAbout,
    links: a.links ?? [],
    jobs: a.jobs ?? [],
  };
}

function availabilityOf(a: DemoAmbassador, orgTimeZone: string): UpdateAvailabilityDto | undefined {
  const weeklyCapacity = a.weeklyCapacity ?? 3;
  if (a.status?.status === 'away') {
    return {
      status: 'away',
      returnsOn: addDays(todayIn(orgTimeZone), a.status.returnsInDays ?? 14),
      weeklyCapacity,
    };
  }
  if (a.status?.status === 'paused') return { status: 'paused', weeklyCapacity };
  return a.weeklyCapacity === undefined ? undefined : { status: 'active', weeklyCapacity };
}

/**
 * Creates the demo ambassadors that are missing (user and profile); existing ones are left as
 * they are, so a rerun changes nothing. Booked slots use fixed references, so they are taken once.
 */
export async function seedDemoAmbassadors(
  ctx: INestApplicationContext,
  org: OrganizationView,
  ambassadors: DemoAmbassador[],
  password: string,
): Promise<number> {
  const users = ctx.get(UsersService);
  const directory = ctx.get(AmbassadorsService);
  const dataSource = ctx.get(DataSource);
  let created = 0;
  for (const a of ambassadors) {
    const user =
      (await users.findUserByEmail(org.id, a.email)) ??
      (await users.createUser(org.id, {
        email: a.email,
        name: a.name,
        roles: ['ambassador', 'employee'],
        password,
      }));
    const profile = await directory.createProfileIfMissing(
      org.id,
      user.id,
      profileOf(a),
      availabilityOf(a, org.timeZone),
    );
    if (profile.created) created++;
    for (let i = 0; i < (a.bookedThisWeek ?? 0); i++) {
      await inTransaction(dataSource, (tx) =>
        directory.reserveCapacity(
          tx,
          org.id,
          profile.id,
          new Date(),
          `demo-seed:${profile.id}:${i}`,
        ),
      );
    }
  }
  return created;
}

/** Tops the `scale` organization up to `target` ambassadors, for benchmarks. */
export async function seedScale(ctx: INestApplicationContext, target: number): Promise<void> {
  const orgs = ctx.get(OrganizationsService);
  const directory = ctx.get(AmbassadorsService);
  const org =
    (await orgs.findOrganizationBySlug(SCALE_ORGANIZATION.slug)) ??
    (await orgs.createOrganization(SCALE_ORGANIZATION));
  const existing = await directory.countProfiles(org.id);
  if (existing >= target) {
    console.log(`organization ${org.slug} already has ${existing} ambassadors`);
    return;
  }
  const started = Date.now();
  const added = await directory.generateSyntheticAmbassadors(org.id, target - existing, (done) => {
    process.stdout.write(`\r  ${existing + done} / ${target} ambassadors`);
  });
  process.stdout.write('\n');
  console.log(
    `added ${added} ambassadors to ${org.slug} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
