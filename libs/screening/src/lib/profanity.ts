import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

export type AbuseLevel = 'none' | 'profanity' | 'abusive';

// Built on first use: the obscenity matcher compiles a few hundred patterns, which is wasted
// work for a process that never screens anything (migrations, workers of other queues).
let matcher: RegExpMatcher | null = null;

// Engineering words that contain a listed word; a match inside one of them is ignored.
// prettier-ignore
const TECH_WHITELIST = [
  'cockpit', 'cockpits', 'cockroach', 'cockroachdb', 'peacock', 'hitchcock', 'shuttlecock', 'stopcock',
  'retardant', 'retardants', 'retardation', 'retarder', 'flame-retardant',
  'titration', 'titrate', 'titles', 'titled', 'constitution', 'competition', 'repetition',
  'dickens', 'moby dick', 'scunthorpe', 'cumulative', 'cumbersome', 'circumstance', 'document',
  'assignment', 'assess', 'assessment', 'bass', 'classic', 'passion', 'analytics', 'analysis',
  'shitake', 'shiitake', 'therapist', 'grapes', 'skyscraper',
];

function getMatcher(): RegExpMatcher {
  if (matcher === null) {
    const built = englishDataset.build();
    matcher = new RegExpMatcher({
      ...built,
      whitelistedTerms: [...(built.whitelistedTerms ?? []), ...TECH_WHITELIST],
      ...englishRecommendedTransformers,
    });
  }
  return matcher;
}

// The recommended transformers read digits as letters ("5h1t"), which also turns plain numbers
// ("717 ms", "80085") into words. A match with fewer than two letters in the original text is a
// number, not a word.
function spellsAWord(text: string, start: number, end: number): boolean {
  const letters = text.slice(start, end + 1).match(/\p{L}/gu);
  return (letters?.length ?? 0) >= 2;
}

// Slurs and sexualized insults are abusive wherever they appear. Words such as "negro" (Spanish
// and Portuguese for "black") are left to the plain-profanity path on purpose.
// prettier-ignore
const SLURS = new Set([
  'abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'cunt', 'dyke', 'fag', 'kike',
  'nigger', 'retard', 'spastic', 'tranny', 'whore', 'slut', 'twat',
]);

// Insults, split into words for people and adjectives. Many are also ordinary technical words
// ("useless alerts", "garbage collection", "dumb pipes"), so they count only in shapes that
// address the reader: "you idiot", "you're a useless …", ", loser." or a one-word sentence.
const PERSON_INSULTS =
  '(?:idiots?|morons?|losers?|clowns?|frauds?|hypocrites?|jerks?|dickheads?|assholes?|pricks?|bastards?|' +
  'bitch(?:es)?|scammers?|imbeciles?|cretins?|liars?|scum|fools?|retards?)';
const ADJECTIVE_INSULTS =
  '(?:stupid|dumb|pathetic|worthless|useless|incompetent|ugly|shameful|disgusting|arrogant|overpaid|lying)';
const ANY_INSULT = `(?:${PERSON_INSULTS}|${ADJECTIVE_INSULTS})`;

const ADDRESSED_INSULT = new RegExp(
  `\\b(?:you|u)\\s+(?:${ADJECTIVE_INSULTS}\\s+)?${PERSON_INSULTS}\\b`,
  'iu',
);
const COPULA_INSULT = new RegExp(
  `\\b(?:you(?:'re|\u2019re| are| r)|youre|ur|u r)\\s+(?:[\\p{L}']+\\s+){0,3}?${ANY_INSULT}\\b`,
  'iu',
);
const VOCATIVE_INSULT = new RegExp(`(?:,|\\bhey|\\byo)\\s*${PERSON_INSULTS}\\s*[.!?]*\\s*$`, 'imu');
const BARE_INSULT_SENTENCE = new RegExp(
  `(?:^|[.!?]\\s+)(?:[\\p{L}']+\\s+)?${ANY_INSULT}[.!?]+\\s*$`,
  'imu',
);

const THREATS: readonly RegExp[] = [
  /\b(?:fuck|screw|f\*+k|f\*+ck)\s+(?:you|u|off|yourself|yourselves)\b/iu,
  /\bgo fuck\b/iu,
  /\bsuck my\b/iu,
  /\bkill (?:yourself|urself|you)\b/iu,
  /\bdie in a fire\b/iu,
  /\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to) (?:find|hurt|kill|destroy|ruin|expose|hunt) you\b/iu,
  /\bi know where you (?:live|work|are)\b/iu,
  /\byou(?:'ll| will) (?:regret|pay for)\b/iu,
  /\bmake you pay\b/iu,
  /\b(?:post|publish|leak|share) your (?:home )?(?:address|phone|number|photos?|details)\b/iu,
  /\b(?:get you fired|make sure you (?:get|are) fired|report you to your (?:boss|manager))\b/iu,
  /\bi(?:'ll| will| am going to|'m going to)? .{0,40}\bspam you\b/iu,
  /\bgo to hell\b/iu,
  /\bgo back to the kitchen\b/iu,
  /\b(?:hey|hi|hello) (?:sexy|babe|baby|beautiful|hottie)\b/iu,
  /\bsend (?:me )?(?:your )?(?:nudes|pics|photos|pictures) instead\b/iu,
  /\bsend me (?:nudes|photos of you)\b/iu,
  /\b(?:women|girls|people like you) (?:like you )?(?:shouldn'?t|should not|can'?t|cannot) be\b/iu,
  /\bdeserve to be (?:harassed|hurt|punished|fired|beaten)\b/iu,
  /\bhope you (?:lose your job|die|get fired|fail)\b/iu,
  /(?:^|[.!?,]\s*)(?:shut up|get lost)\b/imu,
];

export function assessAbuse(text: string): AbuseLevel {
  if (text.length === 0) return 'none';
  if (THREATS.some((pattern) => pattern.test(text))) return 'abusive';
  if (
    ADDRESSED_INSULT.test(text) ||
    COPULA_INSULT.test(text) ||
    VOCATIVE_INSULT.test(text) ||
    BARE_INSULT_SENTENCE.test(text)
  ) {
    return 'abusive';
  }
  const m = getMatcher();
  const matches = m
    .getAllMatches(text)
    .filter((match) => spellsAWord(text, match.startIndex, match.endIndex));
  if (matches.length === 0) return 'none';
  for (const match of matches) {
    const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    if (word !== undefined && SLURS.has(word)) return 'abusive';
  }
  return 'profanity';
}
