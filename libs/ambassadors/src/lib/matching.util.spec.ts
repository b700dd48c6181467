import fc from 'fast-check';
import {
  MATCH_WEIGHTS,
  rankCandidates,
  scoreCandidate,
  type MatchCandidate,
} from './matching.util';

function candidate(overrides: Partial<MatchCandidate> & { id: string }): MatchCandidate {
  return {
    topics: [],
    team: null,
    department: null,
    languages: ['en'],
    remaining: 3,
    ...overrides,
  };
}

describe('scoreCandidate', () => {
  it('explains every point it gives', () => {
    const result = scoreCandidate(
      {
        topics: ['kubernetes', 'rust', 'react'],
        team: 'platform',
        department: 'Engineering',
        language: 'DE',
      },
      candidate({
        id: 'a',
        topics: ['rust', 'go', 'kubernetes'],
        team: 'Platform',
        department: 'engineering ',
        languages: ['en', 'de'],
      }),
    );

    expect(result.reasons).toEqual([
      { code: 'shared_topics', topics: ['kubernetes', 'rust'] },
      { code: 'same_team', team: 'Platform' },
      { code: 'same_department', department: 'engineering ' },
      { code: 'speaks_language', language: 'de' },
    ]);
    expect(result.score).toBe(
      2 * MATCH_WEIGHTS.sharedTopic +
        MATCH_WEIGHTS.sameTeam +
        MATCH_WEIGHTS.sameDepartment +
        MATCH_WEIGHTS.speaksLanguage,
    );
  });

  it('gives nothing and says nothing when nothing matches', () => {
    expect(
      scoreCandidate(
        { topics: ['rust'], team: 'Payments', language: 'fr' },
        candidate({ id: 'a', topics: ['go'], team: 'Platform' }),
      ),
    ).toEqual({ score: 0, reasons: [] });
  });

  it('does not treat two missing teams as the same team', () => {
    expect(scoreCandidate({ topics: [], team: '' }, candidate({ id: 'a', team: '' })).score).toBe(
      0,
    );
  });
});

describe('rankCandidates', () => {
  it('orders by score, then remaining capacity, then id, and drops non-matches', () => {
    const ranked = rankCandidates(
      { topics: ['rust', 'kafka'], team: 'Data' },
      [
        candidate({ id: '1', topics: ['rust'], remaining: 1 }),
        candidate({ id: '2', topics: ['rust', 'kafka'], remaining: 1 }),
        candidate({ id: '3', topics: ['rust'], remaining: 4 }),
        candidate({ id: '4', topics: ['go'], team: 'Data' }),
        candidate({ id: '5', topics: ['go'] }),
        candidate({ id: '6', topics: ['rust'], remaining: 4 }),
      ],
      10,
    );

    expect(ranked.map((m) => m.candidate.id)).toEqual(['2', '6', '3', '1', '4']);
  });

  it('puts one more shared topic above team, department and language together', () => {
    const ranked = rankCandidates(
      { topics: ['rust', 'kafka'], team: 'Data', department: 'Eng', language: 'de' },
      [
        candidate({
          id: 'a',
          topics: ['rust'],
          team: 'Data',
          department: 'Eng',
          languages: ['de'],
        }),
        candidate({ id: 'b', topics: ['rust', 'kafka'] }),
      ],
      10,
    );
    expect(ranked.map((m) => m.candidate.id)).toEqual(['b', 'a']);
  });

  it('returns at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      candidate({ id: String(i), topics: ['rust'] }),
    );
    expect(rankCandidates({ topics: ['rust'] }, many, 7)).toHaveLength(7);
  });

  it('ranks exactly like the candidate query pre-sorts: topics, then team, department, language', () => {
    const topics = ['a', 'b', 'c', 'd', 'e'];
    const arbCandidate = fc.record({
      topics: fc.subarray(topics),
      team: fc.constantFrom('x', 'y', null),
      department: fc.constantFrom('p', 'q', null),
      languages: fc.subarray(['en', 'de', 'fr']),
    });
    fc.assert(
      fc.property(
        fc.subarray(topics, { minLength: 1 }),
        arbCandidate,
        arbCandidate,
        (wanted, a, b) => {
          const criteria = { topics: wanted, team: 'x', department: 'p', language: 'de' };
          const key = (c: typeof a) => [
            c.topics.filter((t) => wanted.includes(t)).length,
            c.team === 'x' ? 1 : 0,
            c.department === 'p' ? 1 : 0,
            c.languages.includes('de') ? 1 : 0,
          ];
          const lexicographic = Math.sign(
            key(a).reduce((acc, v, i) => acc || v - (key(b)[i] ?? 0), 0),
          );
          const byScore = Math.sign(
            scoreCandidate(criteria, { ...a, id: 'a', remaining: 0 }).score -
              scoreCandidate(criteria, { ...b, id: 'b', remaining: 0 }).score,
          );
          return lexicographic === byScore;
        },
      ),
      { numRuns: 3000 },
    );
  });
});
