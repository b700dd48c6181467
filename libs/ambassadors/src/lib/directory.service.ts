import { Injectable } from '@nestjs/common';
import { NotFoundError, toPage, ValidationFailedError } from '@peerline/http-kit';
import { DataSource } from 'typeorm';
import type { DirectoryFilters, OrganizationClock } from './ambassador.types';
import { toCardDto, toPublicDto, toReasonDto } from './ambassadors.mappers';
import { AmbassadorsRepository } from './ambassadors.repository';
import { decodeDirectoryCursor, directoryCursorOf, isUuid } from './directory-cursor.util';
import { isRelevanceSearch } from './directory-search.query';
import type {
  AmbassadorCardPageDto,
  MatchResultDto,
  PublicAmbassadorDto,
} from './dto/ambassador.dto';
import type { DirectoryQueryDto, MatchQueryDto } from './dto/directory-query.dto';
import { rankCandidates, type MatchCriteria } from './matching.util';
import { normalizeTopics } from './topics.util';

const DEFAULT_LIMIT = 20;
const DEFAULT_MATCH_LIMIT = 10;
// Enough to rank from: candidates arrive pre-sorted in the scoring order (see findMatchCandidates).
const MATCH_CANDIDATES = 200;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Lower case, as stored; null for what cannot be a slug (answered 404 without a query). */
function normalizeSlug(raw: string): string | null {
  const slug = raw.trim().toLowerCase();
  return SLUG.test(slug) ? slug : null;
}

const optional = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

function topicsOf(raw: string[] | undefined, field: string): string[] {
  const { topics, invalid } = normalizeTopics(raw ?? []);
  if (invalid.length > 0) {
    throw new ValidationFailedError('The request is not valid.', {
      fields: { [field]: [`not usable as topics: ${invalid.join(', ')}`] },
    });
  }
  return topics;
}

/** The public, unauthenticated side of the directory: no user ids, no contact data. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ambassadors: AmbassadorsRepository,
  ) {}

  async search(slug: string, query: DirectoryQueryDto): Promise<AmbassadorCardPageDto> {
    const filters = toFilters(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    // A bad cursor is the caller's mistake whatever the organization: 400 before any lookup.
    const after =
      query.cursor === undefined
        ? null
        : decodeDirectoryCursor(query.cursor, isRelevanceSearch(filters));
    const slugKey = normalizeSlug(slug);
    const found =
      slugKey === null
        ? null
        : await this.ambassadors.searchPublic(
            this.dataSource.manager,
            slugKey,
            filters,
            after,
            limit + 1,
          );
    if (!found) throw new NotFoundError('organization');
    const page = toPage(found.rows, limit, directoryCursorOf);
    return {
      items: page.items.map((r) => toCardDto(r, found.clock.today)),
      nextCursor: page.nextCursor,
    };
  }

  /** 404 alike for paused, unknown, and other organizations' ambassadors. */
  async getProfile(slug: string, id: string): Promise<PublicAmbassadorDto> {
    const clock = await this.clockOf(slug);
    const row = isUuid(id)
      ? await this.ambassadors.findPublicProfile(this.dataSource.manager, clock, id)
      : null;
    if (!row) throw new NotFoundError('ambassador');
    return toPublicDto(row, clock.today);
  }

  /** Ranked ambassadors with a slot this week, each with the reasons it was suggested. */
  async match(slug: string, query: MatchQueryDto): Promise<MatchResultDto> {
    const criteria: MatchCriteria = {
      topics: topicsOf(query.topic, 'topic'),
      team: optional(query.team),
      department: optional(query.department),
      language: optional(query.language)?.toLowerCase(),
    };
    if (
      criteria.topics.length === 0 &&
      criteria.team === undefined &&
      criteria.department === undefined &&
      criteria.language === undefined
    ) {
      throw new ValidationFailedError('Give at least one of topic, team, department, language.', {
        fields: { topic: ['at least one criterion is required'] },
      });
    }
    const clock = await this.clockOf(slug);
    const candidates = await this.ambassadors.findMatchCandidates(
      this.dataSource.manager,
      clock,
      {
        topics: [...criteria.topics],
        team: criteria.team,
        department: criteria.department,
        language: criteria.language,
      },
      MATCH_CANDIDATES,
    );
    const ranked = rankCandidates(criteria, candidates, query.limit ?? DEFAULT_MATCH_LIMIT);
    return {
      items: ranked.map((m) => ({
        ...toCardDto(m.candidate, clock.today),
        score: m.score,
        reasons: m.reasons.map(toReasonDto),
      })),
    };
  }

  private async clockOf(rawSlug: string): Promise<OrganizationClock> {
    const slug = normalizeSlug(rawSlug);
    const clock =
      slug === null ? null : await this.ambassadors.findClockBySlug(this.dataSource.manager, slug);
    if (!clock) throw new NotFoundError('organization');
    return clock;
  }
}

export function toFilters(query: DirectoryQueryDto): DirectoryFilters {
  const filters: DirectoryFilters = {
    topics: topicsOf(query.topic, 'topic'),
    team: optional(query.team),
    level: optional(query.level),
    language: optional(query.language)?.toLowerCase(),
    hasCapacity: query.hasCapacity === 'true',
    q: optional(query.q),
    name: optional(query.name),
  };
  if (query.tzFrom !== undefined) filters.offsetFromMinutes = Math.round(query.tzFrom * 60);
  if (query.tzTo !== undefined) filters.offsetToMinutes = Math.round(query.tzTo * 60);
  if (
    filters.offsetFromMinutes !== undefined &&
    filters.offsetToMinutes !== undefined &&
    filters.offsetFromMinutes > filters.offsetToMinutes
  ) {
    throw new ValidationFailedError('The request is not valid.', {
      fields: { tzFrom: ['tzFrom must not be after tzTo'] },
    });
  }
  return filters;
}
