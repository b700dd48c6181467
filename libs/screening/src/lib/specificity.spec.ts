import {
  computeSpecificity,
  hasConcreteQuestion,
  normalizeTopic,
  sharedTopicsOf,
  specificityScore,
} from './specificity';
import type { ScreeningContext, ScreeningRequest } from './screening.types';

function request(overrides: Partial<ScreeningRequest> = {}): ScreeningRequest {
  return {
    ask: '',
    valueProposition: '',
    topics: [],
    links: [],
    requesterEmail: 'a@example.org',
    ...overrides,
  };
}

const context: ScreeningContext = {
  ambassadorTopics: ['Kubernetes', 'PostgreSQL', 'go', 'machine learning'],
  rateCounters: { perIpLastHour: 0, perEmailLastHour: 0 },
  openRequestsOfRequester: 0,
  nearDuplicatesSentRecently: 0,
  isFirstTimeSender: true,
  emailBlocked: false,
  domainBlocked: false,
  isDisposableDomain: false,
};

describe('specificity and fit', () => {
  it('normalizes topic spellings to one canonical form', () => {
    expect(normalizeTopic('K8s')).toBe('kubernetes');
    expect(normalizeTopic(' PostgreSQL ')).toBe('postgres');
    expect(normalizeTopic('Node.js')).toBe('node');
    expect(normalizeTopic('Machine Learning')).toBe('machine-learning');
  });

  it('finds topics shared through the topic list and through the text', () => {
    expect(sharedTopicsOf(request({ topics: ['k8s'] }), context)).toEqual(['kubernetes']);
    expect(
      sharedTopicsOf(request({ ask: 'How do you tune PostgreSQL autovacuum?' }), context),
    ).toEqual(['postgres']);
    expect(sharedTopicsOf(request({ ask: 'How do you test your Go services?' }), context)).toEqual([
      'go',
    ]);
    // "go" as an English verb is not the Go language.
    expect(sharedTopicsOf(request({ ask: 'Where do you go for lunch?' }), context)).toEqual([]);
  });

  it('recognizes concrete questions with and without a question mark', () => {
    expect(hasConcreteQuestion('How does your team run canary releases in Kubernetes?', [])).toBe(
      true,
    );
    expect(
      hasConcreteQuestion(
        "I'd like to understand how you handle late-arriving events in Flink",
        [],
      ),
    ).toBe(true);
    expect(
      hasConcreteQuestion('Please, how your team is doing the code review for big monorepo?', []),
    ).toBe(true);
  });

  it('does not count generic questions as concrete', () => {
    expect(hasConcreteQuestion('Can you help me get a job?', [])).toBe(false);
    expect(hasConcreteQuestion("Hey! What's it like working at your company?", [])).toBe(false);
    expect(hasConcreteQuestion('Is your company hiring?', [])).toBe(false);
    expect(hasConcreteQuestion('I am an engineer with 10 years experience.', [])).toBe(false);
  });

  it('scores a specific request above the review threshold and a generic one below it', () => {
    const specific = computeSpecificity(
      request({
        ask: 'How do you run Postgres major-version upgrades on Kubernetes without downtime?',
        valueProposition:
          'I run CloudNativePG for 40 databases and wrote about our upgrade runbook.',
        topics: ['postgres'],
        links: ['https://github.com/someone/pg-upgrade-notes'],
      }),
      context,
    );
    expect(specific).toEqual({
      concreteQuestion: true,
      sharedTopics: expect.arrayContaining(['postgres', 'kubernetes']) as unknown as string[],
      namedJob: false,
      ownWorkLinked: true,
      substantiveValueProposition: true,
    });
    expect(specificityScore(specific)).toBeGreaterThanOrEqual(0.85);

    const generic = computeSpecificity(
      request({
        ask: 'Can you refer me to any open role?',
        valueProposition: 'Hard-working engineer.',
      }),
      context,
    );
    expect(specificityScore(generic)).toBe(0);
  });

  it('counts a selected job, the ambassador team named in the ask, and own-work links', () => {
    expect(computeSpecificity(request({ ask: 'x', jobId: 'job-42' }), context).namedJob).toBe(true);
    expect(
      computeSpecificity(request({ ask: 'What does the Payments Platform team own?' }), {
        ...context,
        ambassadorTeam: 'Payments Platform',
      }).namedJob,
    ).toBe(true);
    expect(
      computeSpecificity(request({ links: ['https://www.linkedin.com/in/x'] }), context)
        .ownWorkLinked,
    ).toBe(false);
    expect(
      computeSpecificity(request({ links: ['https://gitlab.com/x/y'] }), context).ownWorkLinked,
    ).toBe(true);
  });
});
