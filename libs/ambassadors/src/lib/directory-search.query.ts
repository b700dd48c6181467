import type { DirectoryCursor, DirectoryFilters } from './ambassador.types';

/**
 * The public directory search as SQL text + parameters, so the repository runs it and the
 * benchmark can run the very same statements against PostgreSQL directly.
 *
 * One round trip per page: the statement resolves the organization by slug and computes "this
 * ISO week" and "today" in the organization's time zone itself (CTE `clock`), then searches.
 * It returns one row per ambassador, each carrying the clock; an organization without matches
 * gives a single row whose ambassador columns are null; an unknown slug gives no row.
 *
 * Order: relevance (when q or name is given), then slots left this ISO week, then id; all
 * descending, so the keyset condition is one row comparison. Without q/name the query avoids
 * computing "slots left" for every ambassador: most have no reservation this week, so their
 * slots left are their weekly capacity, which an index orders. Three branches, each already in
 * order and limited, are merged:
 *   A. available, no reservation this week: index on (organization, weekly_capacity, id);
 *   B. available, with reservations this week: index on the week counters' `remaining`;
 *   C. away until a later date: 0 slots, ordered by id.
 */

/** "jonh" must find "John": its word similarity to "John Okafor" is 0.4; pg_trgm's default is 0.6. */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/**
 * Trigrams do not see a swap of two neighbouring letters at the end of a short word: "jonh"
 * shares "  j", " jo", "jon" with "Jonathan" but only "  j", " jo" with "John", so word
 * similarity alone ranks Jonathan first. The name score therefore also tries the query with each
 * pair of neighbouring letters in a word swapped (the commonest typo), worth a little less than
 * the query as typed. Only the order changes: which rows match is still decided by `%>` on the
 * query as typed.
 *
 * Scoring every variant against every match would cost one trigram comparison per variant and
 * row (a common first name matches thousands of rows); a swap can only help a name that has a
 * word starting with the corrected word, so a case-insensitive regular expression on those words
 * gates the variant scores, and every other row costs one regex match more than before.
 */
export const TRANSPOSITION_WEIGHT = 0.9;
/** Longer queries get no variants (each one is a trigram comparison on every gated row). */
const MAX_TRANSPOSED_LENGTH = 32;

export interface NameVariants {
  /** The whole query with one swap each, lower case, words joined by one space. */
  queries: string[];
  /** For each query, the corrected word its swap produced (what the gate looks for). */
  words: string[];
}

const isWordChar = (c: string | undefined) => c !== undefined && /^[\p{L}\p{N}]$/u.test(c);

/** Every distinct variant of the query with two neighbouring letters of one word swapped. */
export function transposedVariants(name: string): NameVariants {
  const tokens = name.trim().toLowerCase().split(/\s+/u).filter(Boolean);
  const out: NameVariants = { queries: [], words: [] };
  if (Array.from(tokens.join(' ')).length > MAX_TRANSPOSED_LENGTH) return out;
  tokens.forEach((token, t) => {
    const chars = Array.from(token);
    for (let i = 0; i + 1 < chars.length; i++) {
      const [x, y] = [chars[i], chars[i + 1]];
      if (x === y || !isWordChar(x) || !isWordChar(y)) continue;
      const swapped = [...chars];
      swapped[i] = y as string;
      swapped[i + 1] = x as string;
      const word = swapped.join('');
      const query = tokens.map((other, o) => (o === t ? word : other)).join(' ');
      if (out.queries.includes(query)) continue;
      out.queries.push(query);
      out.words.push(word);
    }
  });
  return out;
}

/** PostgreSQL regular expression (ARE): a backslash before a non-alphanumeric is that literal. */
function regexLiteral(word: string): string {
  return Array.from(word)
    .map((c) => (isWordChar(c) ? c : `\\${c}`))
    .join('');
}

/** `\m(w1|w2)`: a word of the name starts with one of the corrected words. */
export function variantGate(words: string[]): string {
  return `\\m(${[...new Set(words)].map(regexLiteral).join('|')})`;
}

function nameScore(name: string, variants: NameVariants, p: Params): string {
  const typed = `word_similarity(${name}, a.display_name)`;
  if (variants.queries.length === 0) return typed;
  const gate = p.add(variantGate(variants.words), 'text');
  const gates = p.add(
    variants.words.map((w) => variantGate([w])),
    'text[]',
  );
  const v = p.add(variants.queries, 'text[]');
  // Past the gate, each variant is compared only if its own corrected word is in the name
  // (a NULL from the inner CASE is ignored by greatest()).
  const swapped = variants.queries.map(
    (_, i) => `CASE WHEN a.display_name ~* (${gates})[${i + 1}]
        THEN word_similarity((${v})[${i + 1}], a.display_name) END`,
  );
  return `CASE WHEN a.display_name ~* ${gate}
      THEN greatest(${typed}, ${TRANSPOSITION_WEIGHT} * greatest(${swapped.join(', ')}))
      ELSE ${typed} END`;
}

export interface DirectorySearchInput {
  slug: string;
  filters: DirectoryFilters;
  after: DirectoryCursor | null;
  take: number;
  /** false leaves out branch C (away, 0 slots); see runDirectorySearch for when that is exact. */
  includeAway?: boolean;
  /** Relevance only: check every match's owner instead of the best few (see relevanceSearch). */
  exact?: boolean;
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
  /** Set when the statement needs pg_trgm's word-similarity threshold in the same transaction. */
  nameThreshold: number | null;
  /**
   * Whether to run it as a prepared statement. Only the unfiltered browse shapes are: their best
   * plan does not depend on the values (walk the ordered index). With filters or q/name the best
   * plan depends on how selective the values are, and a prepared statement's generic plan can
   * be catastrophic (language + time zone: 84 ms generic against 1 ms custom at 100k), so
   * those are planned for their values every time (~0.7 ms).
   */
  prepare: boolean;
}

/** What every row of the search carries; the ambassador columns are null on an empty page. */
export interface SearchRowBase {
  org_id: string;
  org_time_zone: string;
  org_iso_week: string;
  org_today: string;
  id: string | null;
  remaining: number | null;
  /** relevance searches: how many matched before the owner check */
  candidates?: string | number | null;
}

/** "Now" in the organization's zone: the ISO week as 2026-W47, and the local date. */
export const CLOCK_COLUMNS = `id, time_zone,
  to_char(now() AT TIME ZONE time_zone, 'IYYY-"W"IW') AS iso_week,
  (now() AT TIME ZONE time_zone)::date AS today`;

export const CARD_COLUMNS = `a.id, a.display_name, a.photo_url, a.title, a.team, a.department, a.level,
  a.location, a.time_zone, a.utc_offset_minutes, a.languages, a.topics, a.status,
  a.returns_on::text AS returns_on`;

/**
 * An active user who still holds the ambassador role: a deactivated employee vanishes at once.
 * OFFSET 0 keeps this (and the "no reservation this week" check below) a per-row subplan: both
 * are one index probe per candidate row either way, but as semi/anti joins the planner took
 * them into its join search. Planning is most of the time of the filtered shapes (they cannot be
 * prepared, see SqlStatement.prepare); at 100k this cut it from ~2.0 to ~1.5 ms per call.
 */
export const VISIBLE_OWNER = `EXISTS (SELECT 1 FROM users u
  WHERE u.organization_id = a.organization_id AND u.id = a.user_id
    AND u.is_active AND 'ambassador' = ANY (u.roles) OFFSET 0)`;

/** Slots left this week for a row joined as `w` (this week's counter, or no row). */
export function remainingExpr(today: string): string {
  return `CASE WHEN a.status = 'active' OR a.returns_on <= ${today}
    THEN (CASE WHEN w.used > 0 THEN w.remaining ELSE a.weekly_capacity END) ELSE 0 END`;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * LIMIT is written into the text, not passed as a parameter: with a parameter, a prepared
 * statement's generic plan assumes a large limit and picks a parallel scan (8 ms of worker
 * start-up for a 0.2 ms query).
 */
function literalLimit(take: number): string {
  if (!Number.isInteger(take) || take < 1 || take > 1000) throw new Error(`bad limit ${take}`);
  return String(take);
}

// Inside the search, the organization, week and date come from the clock CTE.
const ORG = 'clock.id';
const WEEK = 'clock.iso_week';
const TODAY = 'clock.today';

function filterConditions(filters: DirectoryFilters, p: Params): string[] {
  const where: string[] = [];
  if (filters.topics.length > 0) where.push(`a.topics @> ${p.add(filters.topics, 'text[]')}`);
  if (filters.team !== undefined)
    where.push(`lower(a.team) = lower(${p.add(filters.team, 'text')})`);
  if (filters.level !== undefined)
    where.push(`lower(a.level) = lower(${p.add(filters.level, 'text')})`);
  if (filters.language !== undefined)
    where.push(`a.languages @> ARRAY[${p.add(filters.language, 'text')}]`);
  if (filters.offsetFromMinutes !== undefined)
    where.push(`a.utc_offset_minutes >= ${p.add(filters.offsetFromMinutes, 'int')}`);
  if (filters.offsetToMinutes !== undefined)
    where.push(`a.utc_offset_minutes <= ${p.add(filters.offsetToMinutes, 'int')}`);
  return where;
}

export function isRelevanceSearch(filters: DirectoryFilters): boolean {
  return filters.q !== undefined || filters.name !== undefined;
}

export function buildDirectorySearch(input: DirectorySearchInput): SqlStatement {
  const p = new Params();
  const slug = p.add(input.slug, 'text');
  const page = isRelevanceSearch(input.filters)
    ? relevanceSearch(input, p)
    : capacitySearch(input, p);
  const sql = `WITH clock AS MATERIALIZED (SELECT ${CLOCK_COLUMNS} FROM organizations WHERE slug = ${slug})
SELECT clock.id AS org_id, clock.time_zone AS org_time_zone, clock.iso_week AS org_iso_week,
       clock.today::text AS org_today, page.*
  FROM clock
  LEFT JOIN LATERAL (
${page.sql}
) page ON true
 ORDER BY ${page.order}`;
  const f = input.filters;
  const unfiltered =
    !isRelevanceSearch(f) &&
    f.topics.length === 0 &&
    f.team === undefined &&
    f.level === undefined &&
    f.language === undefined &&
    f.offsetFromMinutes === undefined &&
    f.offsetToMinutes === undefined;
  return {
    sql,
    params: p.values,
    nameThreshold: input.filters.name !== undefined ? NAME_SIMILARITY_THRESHOLD : null,
    prepare: unfiltered,
  };
}

// Fetch a standard number of rows (limit 20, 50, 100 plus one) and trim: one statement text,
// hence one prepared statement, per shape instead of one per limit.
const LIMIT_BUCKETS = [21, 51, 101];

/**
 * Runs the search with `run` (the repository's connection, or the benchmark's pool) and returns
 * the rows, or [] for an unknown organization.
 * Branch C (away ambassadors, 0 slots) has to visit every away row that passes the filters,
 * yet its rows sort after everyone with a free slot. So the query first runs without it; when
 * the page came back full and its last row still has a slot, no away row could have made the
 * page, and that answer is exact. Otherwise it runs again with branch C.
 */
export async function runDirectorySearch<R extends SearchRowBase>(
  input: DirectorySearchInput,
  run: (statement: SqlStatement) => Promise<R[]>,
): Promise<R[]> {
  const take = LIMIT_BUCKETS.find((b) => b >= input.take) ?? input.take;
  const bucketed = { ...input, take };
  const trim = (rows: R[]) => rows.slice(0, input.take);
  const cards = (rows: R[]) => rows.filter((r) => r.id !== null);
  if (isRelevanceSearch(input.filters)) {
    const rows = trim(await run(buildDirectorySearch(bucketed)));
    const found = cards(rows);
    const cutOff = Number(found[0]?.candidates ?? 0) > take + RELEVANCE_SLACK;
    // A short page is exact unless the cut-off may have dropped visible rows (or nothing was
    // visible, when the count is not known).
    if (rows.length === 0 || found.length >= input.take || (found.length > 0 && !cutOff)) {
      return rows;
    }
    return trim(await run(buildDirectorySearch({ ...bucketed, exact: true })));
  }
  const mayHaveAway =
    !input.filters.hasCapacity && (input.after === null || input.after.remaining > 0);
  if (mayHaveAway) {
    const first = trim(await run(buildDirectorySearch({ ...bucketed, includeAway: false })));
    const last = first[input.take - 1];
    if (first.length === 0 || (last?.id != null && Number(last.remaining) > 0)) return first;
  }
  return trim(await run(buildDirectorySearch({ ...bucketed, includeAway: true })));
}

function capacitySearch(
  { filters, after, take, includeAway = true }: DirectorySearchInput,
  p: Params,
): { sql: string; order: string } {
  const limit = literalLimit(take);
  const shared = [VISIBLE_OWNER, ...filterConditions(filters, p)].join('\n      AND ');
  const afterRemaining = after === null ? null : p.add(after.remaining, 'int');
  const afterId = after === null ? null : p.add(after.id, 'uuid');

  const a = [
    `a.organization_id = ${ORG}`,
    `a.status <> 'paused'`,
    `(a.status = 'active' OR a.returns_on <= ${TODAY})`,
    `NOT EXISTS (SELECT 1 FROM ambassador_capacity_weeks w
        WHERE w.ambassador_id = a.id AND w.iso_week = ${WEEK} AND w.used > 0 OFFSET 0)`,
    shared,
  ];
  if (filters.hasCapacity) a.push('a.weekly_capacity > 0');
  if (after !== null) a.push(`(a.weekly_capacity, a.id) < (${afterRemaining}, ${afterId})`);

  const b = [
    `w.organization_id = ${ORG}`,
    `w.iso_week = ${WEEK}`,
    'w.used > 0',
    `a.status <> 'paused'`,
    `(a.status = 'active' OR a.returns_on <= ${TODAY})`,
    shared,
  ];
  if (filters.hasCapacity) b.push('w.remaining > 0');
  if (after !== null) b.push(`(w.remaining, w.ambassador_id) < (${afterRemaining}, ${afterId})`);

  const branches = [
    `(SELECT ${CARD_COLUMNS}, a.weekly_capacity AS remaining
      FROM ambassadors a
     WHERE ${a.join('\n       AND ')}
     ORDER BY a.weekly_capacity DESC, a.id DESC
     LIMIT ${limit})`,
    `(SELECT ${CARD_COLUMNS}, w.remaining
      FROM ambassador_capacity_weeks w
      JOIN ambassadors a ON a.organization_id = w.organization_id AND a.id = w.ambassador_id
     WHERE ${b.join('\n       AND ')}
     ORDER BY w.remaining DESC, w.ambassador_id DESC
     LIMIT ${limit})`,
  ];
  // Away ambassadors have no slots: "has capacity" excludes them outright.
  if (!filters.hasCapacity && includeAway) {
    const c = [
      `a.organization_id = ${ORG}`,
      `a.status = 'away'`,
      `a.returns_on > ${TODAY}`,
      shared,
    ];
    if (after !== null) c.push(`(0, a.id) < (${afterRemaining}, ${afterId})`);
    branches.push(`(SELECT ${CARD_COLUMNS}, 0 AS remaining
      FROM ambassadors a
     WHERE ${c.join('\n       AND ')}
     ORDER BY a.id DESC
     LIMIT ${limit})`);
  }
  const sql = `SELECT merged.*, NULL::text AS score FROM (
  ${branches.join('\n  UNION ALL\n  ')}
) merged
ORDER BY merged.remaining DESC, merged.id DESC
LIMIT ${limit}`;
  return { sql, order: 'page.remaining DESC, page.id DESC' };
}

/**
 * Relevance order needs a score for every match, so the work grows with the number of matches
 * (a common word in a 100k directory matches thousands). The owner check (a users lookup per
 * row) was half of that work; it runs only on the best `take + RELEVANCE_SLACK` candidates.
 * `candidates` says how many matched before the cut, so runDirectorySearch can tell when hidden
 * owners emptied the page enough to need the exact query (`exact`).
 */
const RELEVANCE_SLACK = 32;

function relevanceSearch(
  { filters, after, take, exact = false }: DirectorySearchInput,
  p: Params,
): { sql: string; order: string } {
  const limit = literalLimit(take);
  const where = [`a.organization_id = ${ORG}`, `a.status <> 'paused'`];
  if (exact) where.push(VISIBLE_OWNER);
  where.push(...filterConditions(filters, p));
  const scoreParts: string[] = [];
  if (filters.q !== undefined) {
    const query = `websearch_to_tsquery('english', ${p.add(filters.q, 'text')})`;
    where.push(`a.search_vector @@ ${query}`);
    scoreParts.push(`ts_rank(a.search_vector, ${query})`);
  }
  if (filters.name !== undefined) {
    const name = p.add(filters.name, 'text');
    // %> uses the trigram index with the threshold set for this transaction.
    where.push(`a.display_name %> ${name}`);
    scoreParts.push(nameScore(name, transposedVariants(filters.name), p));
  }
  if (filters.hasCapacity) where.push('s.remaining > 0');
  if (after !== null && after.mode === 'relevance') {
    where.push(
      `(s.score, s.remaining, a.id) < (${p.add(after.score, 'real')}, ${p.add(after.remaining, 'int')}, ${p.add(after.id, 'uuid')})`,
    );
  }
  const ranked = `SELECT a.id, s.score, s.remaining, count(*) OVER () AS candidates
    FROM ambassadors a
    LEFT JOIN ambassador_capacity_weeks w ON w.ambassador_id = a.id AND w.iso_week = ${WEEK}
   CROSS JOIN LATERAL (SELECT (${scoreParts.join(' + ')})::real AS score,
                              ${remainingExpr(TODAY)} AS remaining) s
   WHERE ${where.join('\n     AND ')}
   ORDER BY s.score DESC, s.remaining DESC, a.id DESC
   LIMIT ${exact ? limit : literalLimit(take + RELEVANCE_SLACK)}`;
  const sql = `SELECT ${CARD_COLUMNS}, r.remaining, r.score::text AS score, r.score AS sort_score,
       r.candidates
  FROM (${ranked}) r
  JOIN ambassadors a ON a.id = r.id
 WHERE ${exact ? 'true' : VISIBLE_OWNER}
 ORDER BY r.score DESC, r.remaining DESC, r.id DESC
 LIMIT ${limit}`;
  return { sql, order: 'page.sort_score DESC, page.remaining DESC, page.id DESC' };
}
