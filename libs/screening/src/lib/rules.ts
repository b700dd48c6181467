import { GENERIC_PHRASES } from './lexicon';
import { assessAbuse } from './profanity';
import type { ReasonCode } from './reason-codes';
import type { ScreeningContext, ScreeningRequest } from './screening.types';
import type { ScreeningSettings } from './settings';
import type { SpecificitySignals } from './specificity';
import { extractUrls, stripUrls, UNSPACED_CHAR, wordTokens } from './tokenizer';

// A Chinese or Japanese character carries about as much as two Latin letters; without the
// weight a real ten-character question would be "too short".
export function countLetters(text: string): number {
  let letters = 0;
  for (const char of text) {
    if (UNSPACED_CHAR.test(char)) letters += 2;
    else if (/\p{L}/u.test(char)) letters++;
  }
  return letters;
}

export function isEmptyAsk(request: ScreeningRequest): boolean {
  return request.ask.trim().length === 0;
}

export function isMissingValueProposition(request: ScreeningRequest): boolean {
  return request.valueProposition.trim().length === 0;
}

// Counts letters rather than characters so that "??????" or a row of emoji is still "too short".
export function isTooShort(request: ScreeningRequest, settings: ScreeningSettings): boolean {
  const ask = stripUrls(request.ask);
  return (
    countLetters(ask) < settings.text.minAskLetters ||
    wordTokens(ask).length < settings.text.minAskWords
  );
}

// Keyboard mashing and repeated characters: few distinct letters, or one character making up
// most of the text. Scripts without case or with large alphabets (CJK) pass the first test
// naturally.
export function hasLowCharacterVariety(text: string): boolean {
  const chars = [...text.replace(/\s+/gu, '')];
  if (chars.length < 20) return false;
  const frequency = new Map<string, number>();
  let letters = 0;
  const distinctLetters = new Set<string>();
  for (const char of chars) {
    frequency.set(char, (frequency.get(char) ?? 0) + 1);
    if (/\p{L}/u.test(char)) {
      letters++;
      distinctLetters.add(char.toLowerCase());
    }
  }
  let top = 0;
  for (const n of frequency.values()) if (n > top) top = n;
  if (top / chars.length > 0.5) return true;
  return letters >= 20 && distinctLetters.size <= 5;
}

export function isAllCaps(text: string): boolean {
  let cased = 0;
  let upper = 0;
  for (const char of text) {
    const lower = char.toLowerCase();
    const up = char.toUpperCase();
    if (lower === up) continue;
    cased++;
    if (char === up) upper++;
  }
  return cased >= 20 && upper / cased >= 0.7;
}

export function isLinksOnly(request: ScreeningRequest): boolean {
  const urls = extractUrls(request.ask);
  return urls.length > 0 && wordTokens(stripUrls(request.ask)).length < 3;
}

export function countLinks(request: ScreeningRequest): number {
  const all = new Set<string>();
  for (const link of request.links) if (link.trim().length > 0) all.add(link.trim().toLowerCase());
  for (const url of extractUrls(`${request.ask}\n${request.valueProposition}`))
    all.add(url.toLowerCase());
  return all.size;
}

export function matchesGenericPhrases(text: string): number {
  let hits = 0;
  for (const pattern of GENERIC_PHRASES) if (pattern.test(text)) hits++;
  return hits;
}

// Rejection needs the generic phrasing *and* the absence of every sign of a real question for
// this ambassador: a request that says "my resume is attached" but asks how the team runs
// Kafka is fine.
export function isGenericTemplate(request: ScreeningRequest, signals: SpecificitySignals): boolean {
  if (signals.concreteQuestion || signals.sharedTopics.length > 0 || signals.namedJob) return false;
  return matchesGenericPhrases(`${request.ask}\n${request.valueProposition}`) > 0;
}

// Layer 2. Returns the codes of every rule that fires; the caller decides the outcome from
// their effects (reason-codes.ts).
export function evaluateRules(
  request: ScreeningRequest,
  context: ScreeningContext,
  settings: ScreeningSettings,
  signals: SpecificitySignals,
): ReasonCode[] {
  const codes: ReasonCode[] = [];
  const fullText = `${request.ask}\n${request.valueProposition}`;
  if (isEmptyAsk(request)) codes.push('EMPTY_ASK');
  else if (isLinksOnly(request)) codes.push('LINKS_ONLY');
  else if (isTooShort(request, settings)) codes.push('TEXT_TOO_SHORT');
  if (isMissingValueProposition(request)) codes.push('MISSING_VALUE_PROPOSITION');
  if (hasLowCharacterVariety(request.ask) || hasLowCharacterVariety(request.valueProposition)) {
    codes.push('LOW_CHARACTER_VARIETY');
  }
  if (isAllCaps(fullText)) codes.push('ALL_CAPS');
  const links = countLinks(request);
  if (
    links > settings.links.maxTotal ||
    (context.isFirstTimeSender && links > settings.links.maxForFirstTimeSender)
  ) {
    codes.push('TOO_MANY_LINKS');
  }
  const abuse = assessAbuse(fullText);
  if (abuse === 'abusive') codes.push('ABUSIVE_LANGUAGE');
  else if (abuse === 'profanity') codes.push('PROFANITY');
  if (!isEmptyAsk(request) && isGenericTemplate(request, signals)) codes.push('GENERIC_TEMPLATE');
  return codes;
}
