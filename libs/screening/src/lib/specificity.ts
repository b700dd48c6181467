import {
  AMBIGUOUS_TOPIC_PATTERNS,
  GENERIC_WORDS,
  INTERROGATIVE_PHRASE,
  INTERROGATIVE_START,
  NON_WORK_HOSTS,
  OWN_WORK_VERBS,
  STOP_WORDS,
  TECH_PHRASES,
  TECH_TERMS,
  TOPIC_ALIASES,
  WORK_HOSTS,
} from './lexicon';
import { extractUrls, urlHost, wordTokens } from './tokenizer';
import type { ScreeningContext, ScreeningRequest } from './screening.types';

export interface SpecificitySignals {
  // A question (question mark or interrogative phrasing) about something specific.
  readonly concreteQuestion: boolean;
  readonly sharedTopics: readonly string[];
  readonly namedJob: boolean;
  readonly ownWorkLinked: boolean;
  // The value proposition says what the requester did or knows, with something specific in it.
  readonly substantiveValueProposition: boolean;
}

// Weights of the fit score. A concrete question plus any one other signal clears the default
// review threshold (0.45); a concrete question alone does not, because generic asks often end
// in a question ("could you give me the interview questions for the backend role?").
export const SPECIFICITY_WEIGHTS = {
  concreteQuestion: 0.35,
  sharedTopic: 0.25,
  namedJob: 0.15,
  ownWorkLinked: 0.15,
  substantiveValueProposition: 0.15,
} as const;

export function normalizeTopic(topic: string): string {
  const slug = topic
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\.js$/u, '')
    .replace(/[\s_/]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return TOPIC_ALIASES.get(slug) ?? slug;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

const topicPatternCache = new Map<string, RegExp>();

function topicPattern(topic: string): RegExp {
  let pattern = topicPatternCache.get(topic);
  if (pattern === undefined) {
    const ambiguous = AMBIGUOUS_TOPIC_PATTERNS.get(topic);
    if (ambiguous !== undefined) pattern = ambiguous;
    else {
      const spellings = [topic, topic.replace(/-/gu, ' ')];
      for (const [alias, canonical] of TOPIC_ALIASES) {
        if (canonical === topic && alias.length > 2)
          spellings.push(alias, alias.replace(/-/gu, ' '));
      }
      const alternatives = [...new Set(spellings)].map(escapeRegExp).join('|');
      pattern = new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${alternatives})(?:\\.js)?(?![\\p{L}\\p{N}])`,
        'iu',
      );
    }
    // Ambassador topic lists are short and repeat across requests; the cache stays small.
    if (topicPatternCache.size > 5000) topicPatternCache.clear();
    topicPatternCache.set(topic, pattern);
  }
  return pattern;
}

export function sharedTopicsOf(request: ScreeningRequest, context: ScreeningContext): string[] {
  const ambassador = new Set(
    context.ambassadorTopics.map(normalizeTopic).filter((t) => t.length > 0),
  );
  if (ambassador.size === 0) return [];
  const shared = new Set<string>();
  for (const topic of request.topics) {
    const normalized = normalizeTopic(topic);
    if (ambassador.has(normalized)) shared.add(normalized);
  }
  const text = `${request.ask}\n${request.valueProposition}`;
  for (const topic of ambassador) {
    if (!shared.has(topic) && topicPattern(topic).test(text)) shared.add(topic);
  }
  return [...shared];
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[?!.。？！])\s+|\n+|(?<=\?)/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function isQuestion(sentence: string): boolean {
  return (
    sentence.includes('?') ||
    sentence.includes('？') ||
    sentence.includes('¿') ||
    INTERROGATIVE_START.test(sentence) ||
    INTERROGATIVE_PHRASE.test(sentence)
  );
}

function mentionsTechnology(text: string, tokens: readonly string[]): boolean {
  for (const token of tokens) if (TECH_TERMS.has(token)) return true;
  const lower = text.toLowerCase();
  return TECH_PHRASES.some((phrase) => lower.includes(phrase));
}

// Specific = names a technology or engineering concept, a topic, a number (a version, a scale),
// or at least two content words that are neither stop words nor job-search boilerplate.
export function isSpecificText(text: string, topics: readonly string[]): boolean {
  const tokens = wordTokens(text);
  if (mentionsTechnology(text, tokens)) return true;
  if (topics.some((topic) => topicPattern(topic).test(text))) return true;
  if (/\p{Nd}/u.test(text.replace(/\b\p{Nd}{1,2}\s*(?:years?|yrs?|minutes?|min)\b/giu, '')))
    return true;
  let contentWords = 0;
  for (const token of tokens) {
    if (token.length >= 3 && !STOP_WORDS.has(token) && !GENERIC_WORDS.has(token)) contentWords++;
  }
  return contentWords >= 2;
}

export function hasConcreteQuestion(ask: string, topics: readonly string[]): boolean {
  return splitSentences(ask).some(
    (sentence) => isQuestion(sentence) && isSpecificText(sentence, topics),
  );
}

function hostMatches(host: string, list: readonly string[]): boolean {
  return list.some((h) => host === h || host.endsWith(`.${h}`));
}

export function linksOwnWork(request: ScreeningRequest): boolean {
  const urls = [...request.links, ...extractUrls(request.valueProposition)];
  return urls.some((url) => {
    const host = urlHost(url);
    if (host === null || hostMatches(host, NON_WORK_HOSTS)) return false;
    // Code hosts, package registries, talks and writing platforms, plus the usual shapes of a
    // personal blog or portfolio. An arbitrary .com does not count: spam links to one too.
    return (
      hostMatches(host, WORK_HOSTS) ||
      host.startsWith('blog.') ||
      /\.(?:dev|me|io|page|site|blog)$/u.test(host)
    );
  });
}

export function computeSpecificity(
  request: ScreeningRequest,
  context: ScreeningContext,
): SpecificitySignals {
  const sharedTopics = sharedTopicsOf(request, context);
  const topicsForQuestion = [
    ...new Set(
      [...context.ambassadorTopics, ...request.topics]
        .map(normalizeTopic)
        .filter((t) => t.length > 0),
    ),
  ];
  const team = context.ambassadorTeam?.trim().toLowerCase();
  const jobTitle = context.jobTitle?.trim().toLowerCase();
  const askLower = request.ask.toLowerCase();
  const namedJob =
    (request.jobId !== undefined && request.jobId.trim().length > 0) ||
    (jobTitle !== undefined && jobTitle.length > 3 && askLower.includes(jobTitle)) ||
    (team !== undefined && team.length > 2 && askLower.includes(team));
  const valueProposition = request.valueProposition;
  const vpWords = wordTokens(valueProposition).length;
  return {
    concreteQuestion: hasConcreteQuestion(request.ask, topicsForQuestion),
    sharedTopics,
    namedJob,
    ownWorkLinked: linksOwnWork(request),
    substantiveValueProposition:
      vpWords >= 5 &&
      (OWN_WORK_VERBS.test(valueProposition) ||
        isSpecificText(valueProposition, topicsForQuestion)),
  };
}

export function specificityScore(signals: SpecificitySignals): number {
  const w = SPECIFICITY_WEIGHTS;
  const score =
    (signals.concreteQuestion ? w.concreteQuestion : 0) +
    (signals.sharedTopics.length > 0 ? w.sharedTopic : 0) +
    (signals.namedJob ? w.namedJob : 0) +
    (signals.ownWorkLinked ? w.ownWorkLinked : 0) +
    (signals.substantiveValueProposition ? w.substantiveValueProposition : 0);
  return Math.min(1, Math.round(score * 1000) / 1000);
}
