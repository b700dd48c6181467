export const AMBASSADOR_STATUSES = ['active', 'paused', 'away'] as const;
export type AmbassadorStatus = (typeof AMBASSADOR_STATUSES)[number];

/** What the public sees: paused never shows, and an away ambassador past the return date is back. */
export type PublicStatus = Exclude<AmbassadorStatus, 'paused'>;

export interface AmbassadorLink {
  label: string;
  url: string;
}

/** The profile fields the owner (or HR) writes; already normalized. */
export interface ProfileFields {
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
  bio: string;
  prompts: string[];
  links: AmbassadorLink[];
  jobs: string[];
}

export interface AvailabilityFields {
  status: AmbassadorStatus;
  returnsOn: string | null;
  weeklyCapacity: number;
}

/** "Now" in the organization's time zone: capacity weeks and return dates are local. */
export interface OrganizationClock {
  organizationId: string;
  timeZone: string;
  /** ISO week, e.g. 2026-W47 */
  isoWeek: string;
  /** YYYY-MM-DD */
  today: string;
}

export interface AmbassadorRecord extends ProfileFields, AvailabilityFields {
  id: string;
  organizationId: string;
  userId: string;
  capacityIsDefault: boolean;
  usedThisWeek: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A directory card as read for the public: no user id, no contact data. */
export interface DirectoryRow {
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
  status: AmbassadorStatus;
  returnsOn: string | null;
  /** Slots left this week; 0 while away. */
  remaining: number;
  /** Relevance as Postgres printed the real value (exact round trip), or null without q/name. */
  score: string | null;
}

export interface PublicProfileRow extends DirectoryRow {
  bio: string;
  prompts: string[];
  links: AmbassadorLink[];
  jobs: string[];
}

export interface DirectoryFilters {
  topics: string[];
  team?: string;
  level?: string;
  language?: string;
  offsetFromMinutes?: number;
  offsetToMinutes?: number;
  hasCapacity: boolean;
  q?: string;
  name?: string;
}

export type DirectoryCursor =
  | { mode: 'capacity'; remaining: number; id: string }
  | { mode: 'relevance'; score: string; remaining: number; id: string };
