export { AmbassadorsModule, AmbassadorsWorkerModule } from './lib/ambassadors.module';
export { AmbassadorsService } from './lib/ambassadors.service';
export { normalizeTopic, normalizeTopics, TOPIC_SYNONYMS } from './lib/topics.util';
export {
  rankCandidates,
  scoreCandidate,
  MATCH_WEIGHTS,
  type MatchCandidate,
  type MatchCriteria,
  type MatchReason,
} from './lib/matching.util';
export { ambassadorsErrors, type AmbassadorsErrorCode } from './lib/ambassadors.errors';
export type { UpsertProfileDto } from './lib/dto/profile.dto';
export type { UpdateAvailabilityDto } from './lib/dto/availability.dto';
export type { AmbassadorStatus } from './lib/ambassador.types';
// For bench/directory.ts: the exact statements the public search runs, to time them directly.
export {
  buildDirectorySearch,
  runDirectorySearch,
  type SearchRowBase,
  type SqlStatement,
} from './lib/directory-search.query';
export { toFilters } from './lib/directory.service';
