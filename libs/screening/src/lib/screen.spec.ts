import fc from 'fast-check';
import { loadDefaultModel } from './classifier';
import type { ScreeningModel } from './model';
import { REASONS, type ReasonCode } from './reason-codes';
import { screen } from './screen';
import type { ScreeningContext, ScreeningRequest } from './screening.types';

const SEED_TEMPLATE =
  'So-and-so suggested that I contact you. I am an engineer with X years experience looking for a job. My resume is attached. If you can help me, I would appreciate it.';

const specificRequest: ScreeningRequest = {
  ask: 'How does your team roll out Postgres schema changes on the big tables without downtime? I read your post about the orders table backfill.',
  valueProposition:
    'I maintain pg-shift, a small open-source migration runner, and ran zero-downtime migrations at a logistics startup.',
  topics: ['postgres'],
  links: ['https://github.com/someone/pg-shift'],
  requesterEmail: 'dev@example.org',
};

function context(overrides: Partial<ScreeningContext> = {}): ScreeningContext {
  return {
    ambassadorTopics: ['postgres', 'kubernetes', 'go'],
    rateCounters: { perIpLastHour: 0, perEmailLastHour: 0 },
    openRequestsOfRequester: 0,
    nearDuplicatesSentRecently: 0,
    isFirstTimeSender: true,
    emailBlocked: false,
    domainBlocked: false,
    isDisposableDomain: false,
    ...overrides,
  };
}

const codes = (r: { reasons: readonly { code: ReasonCode }[] }): ReasonCode[] =>
  r.reasons.map((x) => x.code);

// A model whose every property read is counted: proves whether the classifier ran at all.
function spyModel(): { model: ScreeningModel; reads: () => number } {
  const real = loadDefaultModel();
  let reads = 0;
  const model = new Proxy(real, {
    get(target, property, receiver) {
      reads++;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { model, reads: () => reads };
}

describe('screen()', () => {
  it('passes a specific request that names an ambassador topic and a concrete question', () => {
    const result = screen(specificRequest, context());
    expect(result.outcome).toBe('passed');
    expect(result.reasons).toEqual([]);
    expect(result.coaching).toEqual([]);
    expect(result.score).toBeGreaterThan(0.7);
    expect(result.signals.sharedTopics).toContain('postgres');
    expect(result.signals.concreteQuestion).toBe(true);
  });

  it('never passes the seed template, and coaches the requester', () => {
    for (const topics of [[], ['java']]) {
      const result = screen(
        {
          ask: SEED_TEMPLATE,
          valueProposition: 'I am an engineer.',
          topics,
          links: [],
          requesterEmail: 'a@b.org',
        },
        context(),
      );
      expect(result.outcome).not.toBe('passed');
      expect(result.coaching.join(' ')).toMatch(/Name one concrete question you want to ask/);
    }
  });

  it('rejects spraying: the same text to more than 3 other ambassadors', () => {
    expect(screen(specificRequest, context({ nearDuplicatesSentRecently: 3 })).outcome).toBe(
      'passed',
    );
    const result = screen(specificRequest, context({ nearDuplicatesSentRecently: 4 }));
    expect(result.outcome).toBe('rejected');
    expect(codes(result)).toEqual(['SPRAYING']);
  });

  it('short-circuits on hard limits: no rules and no classifier run', () => {
    const spy = spyModel();
    const abusive = { ...specificRequest, ask: 'Answer me you idiot.' };
    const result = screen(abusive, context({ emailBlocked: true }), undefined, {
      model: spy.model,
    });
    expect(result.outcome).toBe('rejected');
    expect(codes(result)).toEqual(['EMAIL_BLOCKED']);
    expect(result.signals.stoppedAt).toBe('hard-limits');
    expect(result.signals.spamProbability).toBeNull();
    expect(result.score).toBe(0);
    expect(spy.reads()).toBe(0);
  });

  it('short-circuits on a rejecting rule before the classifier', () => {
    const spy = spyModel();
    const result = screen(
      { ...specificRequest, ask: 'Answer me you idiot.' },
      context(),
      undefined,
      {
        model: spy.model,
      },
    );
    expect(result.outcome).toBe('rejected');
    expect(codes(result)).toContain('ABUSIVE_LANGUAGE');
    expect(result.signals.stoppedAt).toBe('rules');
    expect(spy.reads()).toBe(0);
    // The specific request itself does reach the classifier.
    screen(specificRequest, context(), undefined, { model: spy.model });
    expect(spy.reads()).toBeGreaterThan(0);
  });

  it('rejects each hard limit and sends disposable e-mail domains to review', () => {
    const cases: [Partial<ScreeningContext>, ReasonCode][] = [
      [{ rateCounters: { perIpLastHour: 20, perEmailLastHour: 0 } }, 'RATE_LIMIT_IP'],
      [{ rateCounters: { perIpLastHour: 0, perEmailLastHour: 5 } }, 'RATE_LIMIT_EMAIL'],
      [{ openRequestsOfRequester: 3 }, 'TOO_MANY_OPEN_REQUESTS'],
      [{ domainBlocked: true }, 'DOMAIN_BLOCKED'],
    ];
    for (const [overrides, code] of cases) {
      const result = screen(specificRequest, context(overrides));
      expect(result.outcome).toBe('rejected');
      expect(codes(result)).toEqual([code]);
    }
    expect(screen(specificRequest, context({ openRequestsOfRequester: 2 })).outcome).toBe('passed');
    const disposable = screen(specificRequest, context({ isDisposableDomain: true }));
    expect(disposable.outcome).toBe('review');
    expect(codes(disposable)).toEqual(['DISPOSABLE_EMAIL_DOMAIN']);
    expect(disposable.signals.stoppedAt).toBe('complete');
  });

  it('applies organization thresholds from settings', () => {
    expect(
      screen(specificRequest, context(), { hardLimits: { maxOpenRequestsPerRequester: 5 } })
        .outcome,
    ).toBe('passed');
    expect(
      screen(specificRequest, context({ openRequestsOfRequester: 4 }), {
        hardLimits: { maxOpenRequestsPerRequester: 5 },
      }).outcome,
    ).toBe('passed');
    expect(
      screen(specificRequest, context({ nearDuplicatesSentRecently: 2 }), {
        nearDuplicates: { maxOtherRecipients: 1 },
      }).outcome,
    ).toBe('rejected');

    const strictClassifier = screen(specificRequest, context(), {
      classifier: { reviewThreshold: 0 },
    });
    expect(strictClassifier.outcome).toBe('review');
    expect(codes(strictClassifier)).toEqual(['SPAM_SUSPECTED']);

    const strictFit = screen(specificRequest, context(), { specificity: { reviewBelow: 1 } });
    expect(strictFit.outcome).toBe('review');
    expect(codes(strictFit)).toEqual(['LOW_SPECIFICITY']);
  });

  it('rejects on the classifier only when the request is also unspecific', () => {
    const vague: ScreeningRequest = {
      ask: 'Hello, I would like to talk with you about some things sometime soon.',
      valueProposition: 'Nice person.',
      topics: [],
      links: [],
      requesterEmail: 'a@b.org',
    };
    const settings = { classifier: { reviewThreshold: 0, rejectThreshold: 0 } };
    expect(screen(vague, context(), settings).outcome).toBe('rejected');
    expect(codes(screen(vague, context(), settings))).toContain('SPAM_LIKELY');
    // The same confident classifier only sends a specific request to review.
    const specific = screen(specificRequest, context(), settings);
    expect(specific.outcome).toBe('review');
    expect(codes(specific)).toEqual(['SPAM_SUSPECTED']);
  });

  it('rejects obvious spam and keeps it out of the inbox', () => {
    const result = screen(
      {
        ask: 'Invest in our new DeFi token before it lists! Guaranteed 40% weekly returns. DM me on Telegram to join the presale now!',
        valueProposition: 'Crypto fund manager with exclusive deals.',
        topics: [],
        links: ['https://t.me/some-presale'],
        requesterEmail: 'x@y.org',
      },
      context(),
    );
    expect(result.outcome).toBe('rejected');
  });

  it('gives every reason code a message, and coaching to every rejection a requester can fix', () => {
    for (const [code, definition] of Object.entries(REASONS)) {
      expect(definition.message.length).toBeGreaterThan(10);
      if (
        !['EMAIL_BLOCKED', 'DOMAIN_BLOCKED', 'ABUSIVE_LANGUAGE', 'LOW_SPECIFICITY'].includes(code)
      ) {
        expect(definition.coaching.length).toBeGreaterThan(0);
      }
    }
    const tiny = screen({ ...specificRequest, ask: 'hi' }, context());
    expect(tiny.outcome).toBe('rejected');
    expect(tiny.reasons[0]).toEqual({
      code: 'TEXT_TOO_SHORT',
      message: REASONS.TEXT_TOO_SHORT.message,
    });
    expect(tiny.coaching.length).toBeGreaterThan(0);
  });
});

// A selection in the spirit of the Big List of Naughty Strings: control and zero-width
// characters, bidi overrides, surrogate halves, emoji sequences, injection attempts, regex
// bait and prototype-ish keys.
const NASTY = [
  '',
  ' ',
  '\u0000\u0001\u0002',
  '\u200b\u200c\u200d\ufeff',
  '\u202e\u202dtext\u202c',
  '\ud800',
  '\udfff\ud800',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '𝕋𝕙𝕖 𝕢𝕦𝕚𝕔𝕜',
  'Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮',
  '<script>alert(1)</script>',
  "'; DROP TABLE requests; --",
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'NaN',
  'undefined',
  '1/0',
  'a'.repeat(50_000),
  `${'a'.repeat(5000)}!`,
  'https://'.repeat(500),
  'http://a.b/'.concat('x'.repeat(3000)),
  '?'.repeat(1000),
  'ÅÍÎÏ˝ÓÔÒÚÆ☃',
  'ثم نفس سقطت وبالتحديد،',
  '田中さんにあげて下さい',
  'Ｔｈｅ ｑｕｉｃｋ ｂｒｏｗｎ',
  '\r\n\r\n\t\v\f',
];

describe('screen() on arbitrary input', () => {
  const validOutcome = (outcome: string): boolean =>
    ['passed', 'review', 'rejected'].includes(outcome);

  it('never throws and always returns a valid outcome for arbitrary strings', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...NASTY));
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(text, { maxLength: 5 }),
        fc.array(text, { maxLength: 5 }),
        fc.array(text, { maxLength: 4 }),
        fc.option(text, { nil: undefined }),
        fc.boolean(),
        (ask, valueProposition, topics, links, ambassadorTopics, jobId, firstTime) => {
          const result = screen(
            {
              ask,
              valueProposition,
              topics,
              links,
              requesterEmail: ask,
              ...(jobId !== undefined ? { jobId } : {}),
            },
            context({ ambassadorTopics, isFirstTimeSender: firstTime }),
          );
          expect(validOutcome(result.outcome)).toBe(true);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
          for (const r of result.reasons) expect(REASONS[r.code].message).toBe(r.message);
          if (result.outcome === 'passed') expect(result.reasons).toEqual([]);
          else expect(result.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('handles every nasty string in every field', () => {
    for (const nasty of NASTY) {
      const result = screen(
        {
          ask: nasty,
          valueProposition: nasty,
          topics: [nasty],
          links: [nasty],
          requesterEmail: nasty,
          jobId: nasty,
        },
        context({ ambassadorTopics: [nasty, 'go'], ambassadorTeam: nasty, jobTitle: nasty }),
      );
      expect(validOutcome(result.outcome)).toBe(true);
    }
  });

  it('survives a context with missing fields from an untyped caller', () => {
    const partial = JSON.parse('{"ambassadorTopics":null,"ambassadorTeam":7}') as ScreeningContext;
    expect(validOutcome(screen(specificRequest, partial).outcome)).toBe(true);
  });

  it('survives values of the wrong type from an untyped caller', () => {
    const untyped = JSON.parse(
      '{"ask":null,"valueProposition":42,"topics":"x","links":[1,{}],"requesterEmail":[]}',
    ) as ScreeningRequest;
    const result = screen(untyped, context());
    expect(result.outcome).toBe('rejected');
    expect(codes(result)).toContain('EMPTY_ASK');
  });
});
