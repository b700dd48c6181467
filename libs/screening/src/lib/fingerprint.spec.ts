import {
  fingerprint,
  fingerprintBands,
  fingerprintSimilarity,
  isNearDuplicate,
} from './fingerprint';

const pitch =
  'Hi Anna, I am a senior backend engineer with 9 years of experience in Java and Spring. I am looking for my next ' +
  'challenge and I would love to join your team. Could you refer me to an open backend position? My resume is attached.';

describe('near-duplicate fingerprints', () => {
  it('is deterministic and compact', () => {
    expect(fingerprint(pitch)).toBe(fingerprint(pitch));
    expect(fingerprint(pitch)).toMatch(/^[0-9a-f]{512}$/);
  });

  it('rates the same text with a swapped name and small edits as near-duplicate', () => {
    const edited = pitch
      .replace('Hi Anna', 'Hello Boris')
      .replace('9 years', '10 years')
      .replace('next', 'new');
    const similarity = fingerprintSimilarity(fingerprint(pitch), fingerprint(edited));
    expect(similarity).toBeGreaterThanOrEqual(0.8);
    expect(isNearDuplicate(fingerprint(pitch), fingerprint(edited))).toBe(true);
    // Case, punctuation and spacing do not matter.
    expect(
      fingerprintSimilarity(
        fingerprint(pitch),
        fingerprint(pitch.toUpperCase().replace(/\./g, ' !')),
      ),
    ).toBe(1);
  });

  it('rates unrelated requests as not similar', () => {
    const other =
      'How does your team run Postgres schema migrations without downtime on very large tables? I maintain a ' +
      'small migration runner for Node and would love to compare notes on backfills.';
    expect(fingerprintSimilarity(fingerprint(pitch), fingerprint(other))).toBeLessThan(0.2);
    expect(isNearDuplicate(fingerprint(pitch), fingerprint(other))).toBe(false);
  });

  it('shares a band key between near-duplicates so an index finds them', () => {
    const edited = pitch.replace('Hi Anna', 'Hi Chen');
    const a = new Set(fingerprintBands(fingerprint(pitch)));
    expect(a.size).toBe(16);
    expect(fingerprintBands(fingerprint(edited)).some((band) => a.has(band))).toBe(true);
  });

  it('compares malformed fingerprints as 0 instead of throwing', () => {
    expect(fingerprintSimilarity('not-a-fingerprint', fingerprint(pitch))).toBe(0);
    expect(fingerprintBands('zz')).toEqual([]);
    expect(fingerprint('')).toMatch(/^f{512}$/);
  });
});
