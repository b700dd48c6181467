import type {
  AmbassadorRecord,
  DirectoryRow,
  PublicProfileRow,
  PublicStatus,
} from './ambassador.types';
import type {
  AmbassadorCardDto,
  AmbassadorProfileDto,
  MatchReasonDto,
  PublicAmbassadorDto,
} from './dto/ambassador.dto';
import type { MatchReason } from './matching.util';

/** Away until a date that has come is simply back; paused rows never reach a public mapper. */
function publicAvailability(
  row: DirectoryRow,
  today: string,
): { status: PublicStatus; returnsOn: string | null } {
  if (row.status === 'away' && row.returnsOn !== null && row.returnsOn > today) {
    return { status: 'away', returnsOn: row.returnsOn };
  }
  return { status: 'active', returnsOn: null };
}

export function toCardDto(row: DirectoryRow, today: string): AmbassadorCardDto {
  return {
    id: row.id,
    displayName: row.displayName,
    photoUrl: row.photoUrl,
    title: row.title,
    team: row.team,
    department: row.department,
    level: row.level,
    location: row.location,
    timeZone: row.timeZone,
    utcOffsetMinutes: row.utcOffsetMinutes,
    languages: row.languages,
    topics: row.topics,
    availability: publicAvailability(row, today),
    hasCapacity: row.remaining > 0,
  };
}

export function toPublicDto(row: PublicProfileRow, today: string): PublicAmbassadorDto {
  return {
    ...toCardDto(row, today),
    bio: row.bio,
    askMeAbout: row.prompts,
    links: row.links.map((l) => ({ label: l.label, url: l.url })),
    jobs: row.jobs,
  };
}

export function toReasonDto(reason: MatchReason): MatchReasonDto {
  return { ...reason };
}

export function toProfileDto(rec: AmbassadorRecord): AmbassadorProfileDto {
  return {
    id: rec.id,
    userId: rec.userId,
    displayName: rec.displayName,
    photoUrl: rec.photoUrl,
    title: rec.title,
    team: rec.team,
    department: rec.department,
    level: rec.level,
    location: rec.location,
    timeZone: rec.timeZone,
    utcOffsetMinutes: rec.utcOffsetMinutes,
    languages: rec.languages,
    topics: rec.topics,
    bio: rec.bio,
    askMeAbout: rec.prompts,
    links: rec.links.map((l) => ({ label: l.label, url: l.url })),
    jobs: rec.jobs,
    availability: {
      status: rec.status,
      returnsOn: rec.returnsOn,
      weeklyCapacity: rec.weeklyCapacity,
      capacityIsDefault: rec.capacityIsDefault,
      usedThisWeek: rec.usedThisWeek,
    },
    createdAt: rec.createdAt.toISOString(),
    updatedAt: rec.updatedAt.toISOString(),
  };
}
