import { ValidationFailedError } from '@peerline/http-kit';
import type { AvailabilityFields, ProfileFields } from './ambassador.types';
import type { UpdateAvailabilityDto } from './dto/availability.dto';
import type { UpsertProfileDto } from './dto/profile.dto';
import { canonicalTimeZone, utcOffsetMinutes } from './time-zone.util';
import { normalizeTopics } from './topics.util';

const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const textList = (values: readonly string[] | undefined, lower = false): string[] => {
  const out: string[] = [];
  for (const raw of values ?? []) {
    const v = lower ? raw.trim().toLowerCase() : raw.trim();
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
};

/**
 * The stored form of a profile: trimmed, empty optional text as null, topics as normalized tags,
 * languages in lower case, the zone's current UTC offset for the time-zone filter. The DTO's
 * decorators already checked types and sizes; this adds what needs normalizing first.
 */
export function toProfileFields(dto: UpsertProfileDto, now: Date = new Date()): ProfileFields {
  const fields: Record<string, string[]> = {};
  const displayName = dto.displayName.trim();
  if (displayName === '') fields['displayName'] = ['displayName must not be blank'];
  const timeZone = canonicalTimeZone(dto.timeZone);
  if (timeZone === null)
    fields['timeZone'] = ['timeZone must be an IANA time zone such as Europe/Berlin'];
  const { topics, invalid } = normalizeTopics(dto.topics ?? []);
  if (invalid.length > 0) fields['topics'] = [`not usable as topics: ${invalid.join(', ')}`];
  if (Object.keys(fields).length > 0 || timeZone === null) {
    throw new ValidationFailedError('The profile is not valid.', { fields });
  }
  return {
    displayName,
    photoUrl: optionalText(dto.photoUrl),
    title: optionalText(dto.title),
    team: optionalText(dto.team),
    department: optionalText(dto.department),
    level: optionalText(dto.level),
    location: optionalText(dto.location),
    timeZone,
    utcOffsetMinutes: utcOffsetMinutes(timeZone, now),
    languages: textList(dto.languages, true),
    topics,
    bio: dto.bio?.trim() ?? '',
    prompts: textList(dto.askMeAbout),
    links: (dto.links ?? []).map((l) => ({ label: l.label.trim(), url: l.url.trim() })),
    jobs: textList(dto.jobs),
  };
}

/** `today` is the organization's local date: "away until" is a date where the company is. */
export function toAvailabilityFields(
  dto: UpdateAvailabilityDto,
  today: string,
): AvailabilityFields {
  const returnsOn = dto.returnsOn ?? null;
  if (dto.status === 'away') {
    if (returnsOn === null) {
      throw new ValidationFailedError('The availability is not valid.', {
        fields: { returnsOn: ['returnsOn is required when away'] },
      });
    }
    if (returnsOn <= today) {
      throw new ValidationFailedError('The availability is not valid.', {
        fields: { returnsOn: [`returnsOn must be after today (${today})`] },
      });
    }
  } else if (returnsOn !== null) {
    throw new ValidationFailedError('The availability is not valid.', {
      fields: { returnsOn: ['returnsOn is only for status away'] },
    });
  }
  return { status: dto.status, returnsOn, weeklyCapacity: dto.weeklyCapacity };
}
