import { combineHashes, fmix32, fnvStart, fnvStep, hashString } from './hashing';

export interface FeatureConfig {
  // log2 of the hashed feature space; 2^18 keeps collisions rare for a few hundred thousand
  // distinct n-grams while the pruned model still fits in a small artifact.
  readonly bits: number;
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  // Long e-mails would dominate training time and say nothing more than their first part;
  // requests are capped far below this by the intake form anyway.
  readonly maxChars: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charNgramMin: 3,
  charNgramMax: 5,
  maxChars: 3000,
};

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/giu;
const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}$€£]+|[!?]/gu;
const DIGIT_PATTERN = /\p{Nd}/gu;

// Namespaces keep a word unigram from colliding on purpose with the same characters as an
// n-gram; each kind of feature is hashed with its own seed.
const SEED_WORD = 0x1001;
const SEED_BIGRAM = 0x2002;
const SEED_CHAR = 0x3003;
const SEED_META = 0x4004;

export function extractUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

export function urlHost(url: string): string | null {
  const withoutScheme = url.replace(/^https?:\/\//iu, '');
  const host = withoutScheme.split(/[/?#:]/u)[0]?.toLowerCase() ?? '';
  const trimmed = host.replace(/^www\./u, '').replace(/\.+$/u, '');
  return trimmed.length > 0 ? trimmed : null;
}

export function stripUrls(text: string): string {
  return text.replace(URL_PATTERN, ' ');
}

// Scripts written without spaces between words: each character counts as a token for the rules,
// or a Chinese or Japanese question would be "one word" and too short.
const UNSPACED_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}';
const WORD_PATTERN = new RegExp(
  `[${UNSPACED_SCRIPTS}]|(?:(?![${UNSPACED_SCRIPTS}])[\\p{L}\\p{M}\\p{N}$€£'])+`,
  'gu',
);
export const UNSPACED_CHAR = new RegExp(`[${UNSPACED_SCRIPTS}]`, 'u');

// Lower-cased word tokens with URLs and e-mail addresses removed; used by the rules and the
// specificity score, which reason about words, not about n-grams. (The classifier's own
// tokenization is extractFeatures and must not change without retraining.)
export function wordTokens(text: string): string[] {
  const cleaned = text.normalize('NFKC').replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ');
  const out: string[] = [];
  for (const match of cleaned.toLowerCase().matchAll(WORD_PATTERN)) {
    const token = match[0].replace(/^'+|'+$/gu, '');
    if (token.length > 0) out.push(token);
  }
  return out;
}

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= (edges[i] as number)) i++;
  return i;
}

// Hashed bag of word unigrams, word bigrams, in-word character n-grams and a few shape
// features (shouting, links, exclamation marks, money), signed and sublinearly scaled, then
// L2-normalized so that long e-mails and two-line requests live on the same scale.
export function extractFeatures(
  text: string,
  config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
): SparseVector {
  const mask = (1 << config.bits) - 1;
  const counts = new Map<number, number>();
  const add = (hash: number): void => {
    const index = hash & mask;
    const sign = hash & 0x80000000 ? -1 : 1;
    counts.set(index, (counts.get(index) ?? 0) + sign);
  };

  let raw = text.length > config.maxChars ? text.slice(0, config.maxChars) : text;
  raw = raw.normalize('NFKC');

  let letters = 0;
  let upper = 0;
  let exclamations = 0;
  let money = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
    else if (c === 33) exclamations++;
    else if (c === 36 || c === 0x20ac || c === 0xa3) money++;
  }

  let urlCount = 0;
  let prepared = raw.replace(URL_PATTERN, (url) => {
    urlCount++;
    const host = urlHost(url);
    if (host !== null) {
      add(hashString(`h:${host}`, SEED_META));
      const tld = host.slice(host.lastIndexOf('.') + 1);
      add(hashString(`tld:${tld}`, SEED_META));
    }
    return ' zzurl ';
  });
  prepared = prepared.replace(EMAIL_PATTERN, ' zzemail ');
  // Digits are folded to one shape so "$5,000" and "$9,999" share features.
  prepared = prepared.replace(DIGIT_PATTERN, '0').toLowerCase();

  // No length feature on purpose: every corpus text is a long e-mail and every in-domain text
  // a short request, so length would only learn the in-domain label mix, not spamminess.
  add(
    hashString(
      `caps:${letters >= 20 ? bucket(upper / letters, [0.1, 0.25, 0.5, 0.8]) : 'few'}`,
      SEED_META,
    ),
  );
  add(hashString(`urls:${Math.min(urlCount, 5)}`, SEED_META));
  add(hashString(`excl:${bucket(exclamations, [1, 3, 8])}`, SEED_META));
  add(hashString(`money:${bucket(money, [1, 3])}`, SEED_META));

  let previous = -1;
  for (const match of prepared.matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    const tokenHash = hashString(token, SEED_WORD);
    add(tokenHash);
    if (previous !== -1) add(combineHashes(previous, tokenHash ^ SEED_BIGRAM));
    previous = tokenHash;
    if (token.length < 2 || token.length > 30) continue;
    // Character n-grams over the token padded with spaces ("char_wb"): robust to
    // misspellings, inflection and the obfuscation spammers use ("v1agra", "fr.ee").
    const padded = ` ${token} `;
    for (let start = 0; start < padded.length; start++) {
      let h = fnvStart(SEED_CHAR);
      const end = Math.min(padded.length, start + config.charNgramMax);
      for (let j = start; j < end; j++) {
        h = fnvStep(h, padded.charCodeAt(j));
        if (j - start + 1 >= config.charNgramMin) add(fmix32(h));
      }
    }
  }

  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [index, count] of counts) {
    if (count === 0) continue;
    const v = Math.sign(count) * (1 + Math.log(Math.abs(count)));
    indices[k] = index;
    values[k] = v;
    norm += v * v;
    k++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < k; i++) values[i] = (values[i] as number) * scale;
  return { indices: indices.subarray(0, k), values: values.subarray(0, k) };
}
