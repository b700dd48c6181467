export type MatchReason =
  | { code: 'shared_topics'; topics: string[] }
  | { code: 'same_team'; team: string }
  | { code: 'same_department'; department: string }
  | { code: 'speaks_language'; language: string };

export type MatchReasonCode = MatchReason['code'];
export const MATCH_REASON_CODES: readonly MatchReasonCode[] = [
  'shared_topics',
  'same_team',
  'same_department',
  'speaks_language',
];

/** What the requester (or, later, a job) brings: topics are already normalized tags. */
export interface MatchCriteria {
  topics: readonly string[];
  team?: string;
  department?: string;
  language?: string;
}

export interface MatchCandidate {
  id: string;
  topics: readonly string[];
  team: string | null;
  department: string | null;
  languages: readonly string[];
  /** Slots left this ISO week; only breaks ties. */
  remaining: number;
}

/**
 * Each weight is larger than the sum of all weights below it (12 > 6 + 3 + 2, 6 > 3 + 2, 3 > 2),
 * so ranking by score equals ranking by (shared topics, team, department, language) in that
 * order. The candidate query pre-sorts that way, which is why its cut-off cannot drop someone
 * this function would have ranked higher.
 */
export const MATCH_WEIGHTS = {
  sharedTopic: 12,
  sameTeam: 6,
  sameDepartment: 3,
  speaksLanguage: 2,
} as const;

export interface ScoredMatch<C extends MatchCandidate> {
  candidate: C;
  score: number;
  reasons: MatchReason[];
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a != null && b != null && a.trim().toLowerCase() === b.trim().toLowerCase() && a.trim() !== '';

export function scoreCandidate(
  criteria: MatchCriteria,
  candidate: MatchCandidate,
): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  let score = 0;
  const shared = criteria.topics.filter((t) => candidate.topics.includes(t));
  if (shared.length > 0) {
    reasons.push({ code: 'shared_topics', topics: shared });
    score += MATCH_WEIGHTS.sharedTopic * shared.length;
  }
  if (criteria.team !== undefined && same(criteria.team, candidate.team)) {
    reasons.push({ code: 'same_team', team: candidate.team ?? criteria.team });
    score += MATCH_WEIGHTS.sameTeam;
  }
  if (criteria.department !== undefined && same(criteria.department, candidate.department)) {
    reasons.push({
      code: 'same_department',
      department: candidate.department ?? criteria.department,
    });
    score += MATCH_WEIGHTS.sameDepartment;
  }
  const language = criteria.language?.toLowerCase();
  if (language !== undefined && candidate.languages.includes(language)) {
    reasons.push({ code: 'speaks_language', language });
    score += MATCH_WEIGHTS.speaksLanguage;
  }
  return { score, reasons };
}

/** Best first: score, then more capacity left, then id (descending, as the directory). */
export function rankCandidates<C extends MatchCandidate>(
  criteria: MatchCriteria,
  candidates: readonly C[],
  limit: number,
): ScoredMatch<C>[] {
  return candidates
    .map((candidate) => ({ candidate, ...scoreCandidate(criteria, candidate) }))
    .filter((m) => m.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.candidate.remaining - a.candidate.remaining ||
        (a.candidate.id < b.candidate.id ? 1 : a.candidate.id > b.candidate.id ? -1 : 0),
    )
    .slice(0, limit);
}
