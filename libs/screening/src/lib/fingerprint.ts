import { createRng } from './rng';
import { fmix32, fnvStart, fnvStep } from './hashing';

// Near-duplicate detection for spraying: the same pitch sent to many ambassadors with the name
// swapped or a sentence changed. MinHash over character 5-shingles of the normalized text
// estimates the Jaccard similarity of two texts from two short signatures, so the caller can
// store one fingerprint per request and compare, or index the LSH band keys and look up only
// candidates.

export const FINGERPRINT_PERMUTATIONS = 64;
const SHINGLE = 5;
const BAND_ROWS = 4;

// Fixed "random" coefficients; changing the seed would make stored fingerprints incomparable.
const COEFFICIENTS: ReadonlyArray<readonly [number, number]> = (() => {
  const rng = createRng(0x9e3779b9);
  return Array.from({ length: FINGERPRINT_PERMUTATIONS }, () => {
    const a = (Math.floor(rng() * 0xffffffff) | 1) >>> 0;
    const b = Math.floor(rng() * 0xffffffff) >>> 0;
    return [a, b] as const;
  });
})();

// A fingerprint is 64 unsigned 32-bit minima, hex-encoded (512 characters) so it can live in a
// text column and survive JSON.
export type TextFingerprint = string;

export function normalizeForFingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function shingleHashes(normalized: string): Set<number> {
  const hashes = new Set<number>();
  if (normalized.length === 0) return hashes;
  if (normalized.length <= SHINGLE) {
    let h = fnvStart(7);
    for (let i = 0; i < normalized.length; i++) h = fnvStep(h, normalized.charCodeAt(i));
    hashes.add(fmix32(h));
    return hashes;
  }
  for (let start = 0; start + SHINGLE <= normalized.length; start++) {
    let h = fnvStart(7);
    for (let i = start; i < start + SHINGLE; i++) h = fnvStep(h, normalized.charCodeAt(i));
    hashes.add(fmix32(h));
  }
  return hashes;
}

export function fingerprint(text: string): TextFingerprint {
  // Capped so a pathological input cannot make fingerprinting slow; the first 5,000 characters
  // of a sprayed pitch are plenty to recognize it.
  const shingles = shingleHashes(normalizeForFingerprint(text.slice(0, 5000)));
  const minima = new Uint32Array(FINGERPRINT_PERMUTATIONS).fill(0xffffffff);
  for (const h of shingles) {
    for (let k = 0; k < FINGERPRINT_PERMUTATIONS; k++) {
      const [a, b] = COEFFICIENTS[k] as readonly [number, number];
      const v = fmix32((Math.imul(h, a) + b) >>> 0);
      if (v < (minima[k] as number)) minima[k] = v;
    }
  }
  let out = '';
  for (const m of minima) out += m.toString(16).padStart(8, '0');
  return out;
}

function isFingerprint(value: string): boolean {
  return value.length === FINGERPRINT_PERMUTATIONS * 8 && /^[0-9a-f]+$/u.test(value);
}

// Estimated Jaccard similarity of the two texts' shingle sets, in [0, 1]. Malformed
// fingerprints compare as 0 rather than throwing: a corrupt row must not block screening.
export function fingerprintSimilarity(a: TextFingerprint, b: TextFingerprint): number {
  if (!isFingerprint(a) || !isFingerprint(b)) return 0;
  let equal = 0;
  for (let k = 0; k < FINGERPRINT_PERMUTATIONS; k++) {
    if (a.slice(k * 8, k * 8 + 8) === b.slice(k * 8, k * 8 + 8)) equal++;
  }
  return equal / FINGERPRINT_PERMUTATIONS;
}

export function isNearDuplicate(
  a: TextFingerprint,
  b: TextFingerprint,
  minSimilarity = 0.8,
): boolean {
  return fingerprintSimilarity(a, b) >= minSimilarity;
}

// Locality-sensitive hashing keys: 16 bands of 4 minima. Two texts with similarity 0.8 share at
// least one key with probability ~0.9998, texts with similarity 0.3 with ~0.12, so a database
// index on these keys finds near-duplicate candidates without comparing every pair.
export function fingerprintBands(fp: TextFingerprint): string[] {
  if (!isFingerprint(fp)) return [];
  const bands: string[] = [];
  for (let band = 0; band < FINGERPRINT_PERMUTATIONS / BAND_ROWS; band++) {
    bands.push(`${band}:${fp.slice(band * BAND_ROWS * 8, (band + 1) * BAND_ROWS * 8)}`);
  }
  return bands;
}

// The text a request is fingerprinted by: what the requester wrote, not the form's metadata.
export function requestFingerprintText(request: {
  readonly ask: string;
  readonly valueProposition: string;
}): string {
  return `${request.ask}\n${request.valueProposition}`;
}
