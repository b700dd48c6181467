import fc from 'fast-check';
import { normalizeEmail, sameCandidate } from './candidate-identity';
import type { CandidateKey } from './credit.types';

describe('normalizeEmail', () => {
  it.each([
    ['trims whitespace', '  ana@example.com\n', 'ana@example.com'],
    ['lower-cases local part and domain', 'Ana.Silva@Example.COM', 'ana.silva@example.com'],
    ['composes accents (NFC)', 'jose\u0301@example.com', 'jos\u00e9@example.com'],
    ['lower-cases without the Turkish dotless-i rule', 'IRMAK@example.com', 'irmak@example.com'],
    ['keeps plus tags', 'ana+jobs@example.com', 'ana+jobs@example.com'],
    ['keeps Gmail dots', 'a.na@gmail.com', 'a.na@gmail.com'],
  ])('%s', (_name, raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (raw) => {
        const once = normalizeEmail(raw);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });
});

const key = (email: string, ...atsCandidateIds: string[]): CandidateKey => ({
  email,
  atsCandidateIds,
});

describe('sameCandidate', () => {
  it.each([
    ['equal normalized e-mails', key('Ana@Example.com '), key('ana@example.com'), true],
    ['different e-mails, no ATS ids', key('ana@example.com'), key('noah@example.com'), false],
    [
      'different e-mails, a shared ATS id',
      key('ana@a.example', 'gh:1', 'gh:2'),
      key('ana@b.example', 'gh:2'),
      true,
    ],
    [
      'different e-mails, different ATS ids',
      key('ana@a.example', 'gh:1'),
      key('ana@b.example', 'gh:2'),
      false,
    ],
    ['two erased (empty) e-mails', key(''), key(' '), false],
    ['blank ATS ids are not shared ids', key('a@x.example', ' '), key('b@x.example', ''), false],
  ])('%s → %s', (_name, a, b, expected) => {
    expect(sameCandidate(a, b)).toBe(expected);
    expect(sameCandidate(b, a)).toBe(expected);
  });
});
