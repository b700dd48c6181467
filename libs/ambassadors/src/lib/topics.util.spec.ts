import { normalizeTopic, normalizeTopics } from './topics.util';

describe('normalizeTopic', () => {
  it.each([
    ['Kubernetes', 'kubernetes'],
    ['  k8s ', 'kubernetes'],
    ['K8S', 'kubernetes'],
    ['JS', 'javascript'],
    ['ts', 'typescript'],
    ['TypeScript', 'typescript'],
    ['golang', 'go'],
    ['Go', 'go'],
    ['postgres', 'postgresql'],
    ['PostgreSQL', 'postgresql'],
    ['React.js', 'react'],
    ['Node.js', 'node.js'],
    ['nodejs', 'node.js'],
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['.NET', '.net'],
    ['Distributed Tracing', 'distributed-tracing'],
    ['distributed_tracing', 'distributed-tracing'],
    ['distributed   --  tracing', 'distributed-tracing'],
    ['CI/CD', 'ci-cd'],
    ['Machine Learning!', 'machine-learning'],
    ['ml', 'machine-learning'],
    ['Ｒｕｓｔ', 'rust'],
  ])('folds %j to %j', (raw, expected) => {
    expect(normalizeTopic(raw)).toBe(expected);
  });

  it('keeps an unknown tag, only normalized', () => {
    expect(normalizeTopic('  Event Sourcing ')).toBe('event-sourcing');
  });

  it('refuses what has nothing left or is too long', () => {
    expect(normalizeTopic('   ')).toBeNull();
    expect(normalizeTopic('!!! ???')).toBeNull();
    expect(normalizeTopic('x'.repeat(41))).toBeNull();
  });

  it('is idempotent', () => {
    for (const raw of ['K8s', 'Distributed Tracing', 'C++', 'postgres', 'ci/cd']) {
      const once = normalizeTopic(raw);
      expect(once).not.toBeNull();
      expect(normalizeTopic(once ?? '')).toBe(once);
    }
  });
});

describe('normalizeTopics', () => {
  it('de-duplicates synonyms in first-seen order and reports unusable entries', () => {
    expect(normalizeTopics(['k8s', 'React', 'kubernetes', '??', 'reactjs', 'rust'])).toEqual({
      topics: ['kubernetes', 'react', 'rust'],
      invalid: ['??'],
    });
  });
});
