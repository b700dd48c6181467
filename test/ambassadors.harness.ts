import {
  AmbassadorsService,
  type UpdateAvailabilityDto,
  type UpsertProfileDto,
} from '@peerline/ambassadors';
import { resetEnvCache } from '@peerline/config';
import { inTransaction } from '@peerline/db';
import type { OrganizationView, UserDto } from '@peerline/identity';
import type { IdentityHarness } from './identity.harness';

/**
 * Sets variables for the next api started in this file (config is cached per process). Suites
 * that are not about the directory's rate limit lift it: they send hundreds of requests from
 * one address.
 */
export function useDirectoryEnv(
  overrides: Record<string, string> = { DIRECTORY_RATE_LIMIT_PER_IP: '1000000' },
): void {
  for (const [k, v] of Object.entries(overrides)) process.env[k] = v;
  resetEnvCache();
}

export interface Card {
  id: string;
  displayName: string;
  photoUrl: string | null;
  title: string | null;
  team: string | null;
  department: string | null;
  level: string | null;
  location: string | null;
  timeZone: string;
  utcOffsetMinutes: number;
  languages: string[];
  topics: string[];
  availability: { status: 'active' | 'away'; returnsOn: string | null };
  hasCapacity: boolean;
}

export interface PublicProfile extends Card {
  bio: string;
  askMeAbout: string[];
  links: { label: string; url: string }[];
  jobs: string[];
}

export interface CardPage {
  items: Card[];
  nextCursor: string | null;
}

export interface MatchItem extends Card {
  score: number;
  reasons: {
    code: string;
    topics?: string[];
    team?: string;
    department?: string;
    language?: string;
  }[];
}

export interface OwnProfile {
  id: string;
  userId: string;
  displayName: string;
  photoUrl: string | null;
  timeZone: string;
  utcOffsetMinutes: number;
  languages: string[];
  topics: string[];
  bio: string;
  askMeAbout: string[];
  links: { label: string; url: string }[];
  jobs: string[];
  availability: {
    status: 'active' | 'paused' | 'away';
    returnsOn: string | null;
    weeklyCapacity: number;
    capacityIsDefault: boolean;
    usedThisWeek: number;
  };
}

export function aProfile(overrides: Partial<UpsertProfileDto> = {}): UpsertProfileDto {
  return {
    displayName: 'Ann Example',
    title: 'Software Engineer',
    team: 'Platform',
    department: 'Engineering',
    level: 'Senior',
    location: 'Berlin',
    timeZone: 'Europe/Berlin',
    languages: ['en'],
    topics: ['go'],
    bio: 'I build things.',
    askMeAbout: ['Anything'],
    links: [{ label: 'GitHub', url: 'https://github.com/example' }],
    jobs: ['JOB-1'],
    ...overrides,
  };
}

/** A date `days` after today in UTC (the harness creates organizations in UTC). */
export function daysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let seq = 0;

/** An ambassador user with a profile, written through the service (no HTTP, no login). */
export async function anAmbassador(
  h: IdentityHarness,
  org: OrganizationView,
  profile: Partial<UpsertProfileDto> = {},
  availability?: Partial<UpdateAvailabilityDto>,
): Promise<{ id: string; user: UserDto }> {
  const user = await h.createUser(org, `ambassador-${++seq}@${org.slug}.test`, [
    'ambassador',
    'employee',
  ]);
  const service = h.app.get(AmbassadorsService);
  const { id } = await service.createProfileIfMissing(
    org.id,
    user.id,
    aProfile(profile),
    availability === undefined
      ? undefined
      : { status: 'active', weeklyCapacity: 3, ...availability },
  );
  return { id, user };
}

/** Takes `n` of this week's slots, as a chat request would. */
export async function book(
  h: IdentityHarness,
  org: OrganizationView,
  ambassadorId: string,
  n: number,
): Promise<void> {
  const service = h.app.get(AmbassadorsService);
  for (let i = 0; i < n; i++) {
    const ok = await inTransaction(h.dataSource, (tx) =>
      service.reserveCapacity(tx, org.id, ambassadorId, new Date(), `test:${ambassadorId}:${i}`),
    );
    if (!ok) throw new Error('could not book a slot');
  }
}
