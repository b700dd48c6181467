import { resolveScreeningSettings } from './settings';
import {
  countLinks,
  evaluateRules,
  hasLowCharacterVariety,
  isAllCaps,
  isEmptyAsk,
  isGenericTemplate,
  isLinksOnly,
  isMissingValueProposition,
  isTooShort,
  matchesGenericPhrases,
} from './rules';
import { assessAbuse } from './profanity';
import { computeSpecificity } from './specificity';
import type { ScreeningContext, ScreeningRequest } from './screening.types';

const settings = resolveScreeningSettings();

function request(overrides: Partial<ScreeningRequest> = {}): ScreeningRequest {
  return {
    ask: 'How does your team run Postgres schema migrations without downtime on large tables?',
    valueProposition:
      'I maintain an open-source migration runner and did zero-downtime migrations at a startup.',
    topics: ['postgres'],
    links: [],
    requesterEmail: 'dev@example.org',
    ...overrides,
  };
}

function context(overrides: Partial<ScreeningContext> = {}): ScreeningContext {
  return {
    ambassadorTopics: ['postgres', 'kubernetes'],
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

function rulesFor(req: ScreeningRequest, ctx: ScreeningContext = context()): string[] {
  return evaluateRules(req, ctx, settings, computeSpecificity(req, ctx));
}

describe('text rules', () => {
  it('flags an empty or whitespace-only ask, and not a real one', () => {
    expect(isEmptyAsk(request({ ask: '   \n ' }))).toBe(true);
    expect(isEmptyAsk(request())).toBe(false);
    expect(rulesFor(request({ ask: '' }))).toContain('EMPTY_ASK');
  });

  it('flags a missing value proposition only when it is blank', () => {
    expect(isMissingValueProposition(request({ valueProposition: ' ' }))).toBe(true);
    expect(isMissingValueProposition(request({ valueProposition: 'Go dev.' }))).toBe(false);
  });

  it('treats a tiny ask as too short but keeps short legitimate questions', () => {
    expect(isTooShort(request({ ask: 'hi' }), settings)).toBe(true);
    expect(isTooShort(request({ ask: 'help me pls' }), settings)).toBe(true);
    expect(isTooShort(request({ ask: '?????? 🙂🙂🙂🙂' }), settings)).toBe(true);
    expect(isTooShort(request({ ask: 'How long do your Rust CI builds take?' }), settings)).toBe(
      false,
    );
  });

  it('detects keyboard mashing and repeated characters, not ordinary text in any script', () => {
    expect(hasLowCharacterVariety('asdf asdf asdf asdf asdf asdf')).toBe(true);
    expect(hasLowCharacterVariety('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!a')).toBe(true);
    expect(hasLowCharacterVariety('How do you test Kafka consumers?')).toBe(false);
    expect(
      hasLowCharacterVariety('你们团队如何在不停机的情况下进行数据库迁移？我们遇到了很多问题。'),
    ).toBe(false);
    expect(hasLowCharacterVariety('short')).toBe(false);
  });

  it('detects text written in capitals but not acronyms in normal text', () => {
    expect(isAllCaps('HOW DO YOU RUN KUBERNETES UPGRADES WITHOUT DOWNTIME')).toBe(true);
    expect(isAllCaps('How do AWS EKS and GKE compare for the SRE team at your company?')).toBe(
      false,
    );
    expect(isAllCaps('OK AWS')).toBe(false);
  });

  it('flags an ask that is only links', () => {
    expect(
      isLinksOnly(request({ ask: 'https://example.com/offer https://example.com/more' })),
    ).toBe(true);
    expect(isLinksOnly(request({ ask: 'see https://example.com/x' }))).toBe(true);
    expect(
      isLinksOnly(
        request({
          ask: 'I wrote https://blog.example.dev/pg about migrations; how do you handle backfills?',
        }),
      ),
    ).toBe(false);
  });

  it('counts distinct links from the form and the text, and limits first-time senders', () => {
    const links = ['https://github.com/a/b', 'https://a.dev', 'https://b.dev', 'https://c.dev'];
    expect(countLinks(request({ links, ask: 'How do you test it? https://github.com/a/b' }))).toBe(
      4,
    );
    expect(rulesFor(request({ links }))).toContain('TOO_MANY_LINKS');
    expect(rulesFor(request({ links }), context({ isFirstTimeSender: false }))).not.toContain(
      'TOO_MANY_LINKS',
    );
    expect(rulesFor(request({ links: links.slice(0, 2) }))).not.toContain('TOO_MANY_LINKS');
  });
});

describe('profanity and harassment', () => {
  it('treats insults, threats and slurs aimed at the reader as abusive', () => {
    for (const text of [
      'Fuck you and your company.',
      'Answer me you idiot.',
      "You're a useless piece of shit.",
      'I know where you work. Answer me or you will regret it.',
      'Why are you ignoring me, you arrogant prick?',
      'Give me a referral, bitch.',
      'You think you are special? Idiot.',
    ]) {
      expect(assessAbuse(text)).toBe('abusive');
    }
  });

  it('sends undirected profanity to review instead of rejecting', () => {
    expect(assessAbuse('Our build is a shitshow. How do you keep CI fast?')).toBe('profanity');
    const codes = rulesFor(
      request({ ask: 'Our build is a shitshow. How do you keep Postgres CI fast?' }),
    );
    expect(codes).toContain('PROFANITY');
    expect(codes).not.toContain('ABUSIVE_LANGUAGE');
  });

  it('does not mistake technical language for insults', () => {
    for (const text of [
      'How do you reduce useless alerts and garbage collection pauses?',
      'How do messages get lost in Kafka when consumers restart?',
      'Do you kill the process or drain it first? We use dumb pipes and smart endpoints.',
      'How do you assess Scunthorpe-style false positives in your classifier?',
      'Is your team using Essex or Sussex data centres?',
      // Numbers are not leetspeak words; listed words inside engineering words do not count.
      'Our p99 went from 717 ms to 80085 µs after the upgrade.',
      'How do you test the cockpit displays of your avionics team?',
      'We model flame retardant coatings; how do you validate the simulations?',
      'Dead letters hit the writer again: how do you replay them?',
    ]) {
      expect(assessAbuse(text)).toBe('none');
    }
  });

  it('still reads leetspeak and slurs', () => {
    expect(assessAbuse('This is 5h1t, how do you cope?')).toBe('profanity');
    expect(assessAbuse('What a retard.')).toBe('abusive');
  });
});

describe('generic template rule', () => {
  const template =
    'So-and-so suggested that I contact you. I am an engineer with X years experience looking for a job. My resume is attached. If you can help me, I would appreciate it.';

  it('matches the seed template and common variants', () => {
    expect(matchesGenericPhrases(template)).toBeGreaterThan(0);
    expect(matchesGenericPhrases('Can I pick your brain for 15 minutes?')).toBeGreaterThan(0);
    expect(matchesGenericPhrases('Could you refer me to any open position?')).toBeGreaterThan(0);
    expect(matchesGenericPhrases('How do you test Kafka consumers?')).toBe(0);
  });

  it('fires only when the request has no concrete question, shared topic or job', () => {
    const generic = request({ ask: template, valueProposition: 'Engineer.', topics: [] });
    expect(isGenericTemplate(generic, computeSpecificity(generic, context()))).toBe(true);
    const withQuestion = request({
      ask: 'My resume is attached, but mainly: how does your team run Postgres failovers?',
      topics: [],
    });
    expect(isGenericTemplate(withQuestion, computeSpecificity(withQuestion, context()))).toBe(
      false,
    );
    const withJob = request({
      ask: template,
      valueProposition: 'Engineer.',
      topics: [],
      jobId: 'job-1',
    });
    expect(isGenericTemplate(withJob, computeSpecificity(withJob, context()))).toBe(false);
  });
});
