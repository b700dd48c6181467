import { combinedSpamProbability, loadDefaultModel, requestText } from './classifier';
import { evaluateHardLimits } from './hard-limits';
import type { ScreeningModel } from './model';
import { reason, REASONS, type ReasonCode } from './reason-codes';
import { evaluateRules } from './rules';
import type {
  ScreeningContext,
  ScreeningOutcome,
  ScreeningRequest,
  ScreeningResult,
  ScreeningStage,
} from './screening.types';
import {
  resolveScreeningSettings,
  type ScreeningSettings,
  type ScreeningSettingsInput,
} from './settings';
import {
  computeSpecificity,
  normalizeTopic,
  specificityScore,
  type SpecificitySignals,
} from './specificity';

export interface ScreenOptions {
  // Defaults to loadDefaultModel(); tests and per-organization experiments pass their own.
  readonly model?: ScreeningModel;
}

// Far above what the intake form allows; only there so that screening time stays bounded for
// any input that reaches it.
const MAX_FIELD_CHARS = 10_000;
const MAX_LIST_ITEMS = 50;

const DEFAULT_SETTINGS = resolveScreeningSettings();

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_FIELD_CHARS) : '';
}

function list(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value.slice(0, MAX_LIST_ITEMS))
    if (typeof item === 'string') out.push(item.slice(0, 2000));
  return out;
}

// Requests arrive from a public form; the DTO validates them, but screening must not trust
// that a future caller did.
function sanitizeRequest(request: ScreeningRequest): ScreeningRequest {
  const jobId = typeof request.jobId === 'string' ? request.jobId.slice(0, 200) : undefined;
  return {
    ask: text(request.ask),
    valueProposition: text(request.valueProposition),
    topics: list(request.topics),
    links: list(request.links),
    requesterEmail: text(request.requesterEmail),
    ...(jobId !== undefined ? { jobId } : {}),
    preferredTimes: list(request.preferredTimes),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

// The context is built by our own code, but a missing counter must not turn into an exception
// (or a silently skipped limit via NaN) in the middle of intake.
function sanitizeContext(context: ScreeningContext): ScreeningContext {
  const rate: Partial<ScreeningContext['rateCounters']> = context.rateCounters ?? {};
  const team = typeof context.ambassadorTeam === 'string' ? context.ambassadorTeam : undefined;
  const jobTitle = typeof context.jobTitle === 'string' ? context.jobTitle : undefined;
  return {
    ambassadorTopics: list(context.ambassadorTopics),
    ...(team !== undefined ? { ambassadorTeam: team } : {}),
    ...(jobTitle !== undefined ? { jobTitle } : {}),
    rateCounters: {
      perIpLastHour: count(rate.perIpLastHour),
      perEmailLastHour: count(rate.perEmailLastHour),
    },
    openRequestsOfRequester: count(context.openRequestsOfRequester),
    nearDuplicatesSentRecently: count(context.nearDuplicatesSentRecently),
    isFirstTimeSender: context.isFirstTimeSender === true,
    emailBlocked: context.emailBlocked === true,
    domainBlocked: context.domainBlocked === true,
    isDisposableDomain: context.isDisposableDomain === true,
    ...(context.orgLabelsModel !== undefined ? { orgLabelsModel: context.orgLabelsModel } : {}),
  };
}

function outcomeOf(codes: readonly ReasonCode[]): ScreeningOutcome {
  if (codes.some((code) => REASONS[code].effect === 'reject')) return 'rejected';
  if (codes.length > 0) return 'review';
  return 'passed';
}

function specificityCoaching(signals: SpecificitySignals, context: ScreeningContext): string[] {
  const tips: string[] = [];
  if (!signals.concreteQuestion) {
    tips.push(
      'Name one concrete question you want to ask, for example how the team handled a problem you are working on yourself.',
    );
  }
  if (signals.sharedTopics.length === 0 && context.ambassadorTopics.length > 0) {
    const topics = [...new Set(context.ambassadorTopics.map(normalizeTopic))]
      .slice(0, 5)
      .join(', ');
    tips.push(`Connect your question to what this ambassador talks about: ${topics}.`);
  }
  if (!signals.ownWorkLinked && !signals.substantiveValueProposition) {
    tips.push('Say what you bring: something you built, run or wrote, ideally with a link to it.');
  }
  if (!signals.namedJob)
    tips.push('If you are interested in a specific job, select it in the form.');
  return tips;
}

function coachingFor(
  codes: readonly ReasonCode[],
  signals: SpecificitySignals | null,
  context: ScreeningContext,
): string[] {
  const tips: string[] = [];
  let specific = false;
  for (const code of codes) {
    // These three mean "not specific enough": the tips name what exactly is missing.
    if (
      signals !== null &&
      (code === 'GENERIC_TEMPLATE' || code === 'LOW_SPECIFICITY' || code === 'SPAM_LIKELY')
    ) {
      specific = true;
      if (code === 'SPAM_LIKELY') tips.push(...REASONS[code].coaching);
    } else tips.push(...REASONS[code].coaching);
  }
  if (specific && signals !== null) tips.push(...specificityCoaching(signals, context));
  return [...new Set(tips)];
}

function result(
  codes: readonly ReasonCode[],
  stoppedAt: ScreeningStage,
  context: ScreeningContext,
  signals: SpecificitySignals | null,
  spamProbability: number | null,
  specificity: number | null,
): ScreeningResult {
  const unique = [...new Set(codes)];
  const outcome = outcomeOf(unique);
  const score =
    stoppedAt === 'complete' && spamProbability !== null && specificity !== null
      ? Math.round((0.6 * specificity + 0.4 * (1 - spamProbability)) * 1000) / 1000
      : 0;
  return {
    outcome,
    score,
    reasons: unique.map(reason),
    coaching: outcome === 'passed' ? [] : coachingFor(unique, signals, context),
    signals: {
      stoppedAt,
      spamProbability,
      specificity,
      concreteQuestion: signals?.concreteQuestion ?? null,
      sharedTopics: signals?.sharedTopics ?? [],
    },
  };
}

// Screens one peer-chat request. Layers run cheapest first and a layer that rejects stops the
// rest: hard limits (counters and block lists), rules (text checks), the statistical classifier,
// and the specificity-and-fit score. When a signal is not conclusive the outcome is 'review',
// never 'rejected': a legitimate requester turned away is the costliest mistake here.
export function screen(
  request: ScreeningRequest,
  context: ScreeningContext,
  settingsInput?: ScreeningSettingsInput,
  options: ScreenOptions = {},
): ScreeningResult {
  const settings: ScreeningSettings =
    settingsInput === undefined ? DEFAULT_SETTINGS : resolveScreeningSettings(settingsInput);
  const req = sanitizeRequest(request);
  const ctx = sanitizeContext(context);

  const hardLimitCodes = evaluateHardLimits(ctx, settings);
  if (outcomeOf(hardLimitCodes) === 'rejected') {
    return result(hardLimitCodes, 'hard-limits', ctx, null, null, null);
  }

  const signals = computeSpecificity(req, ctx);
  const specificity = specificityScore(signals);
  const ruleCodes = evaluateRules(req, ctx, settings, signals);
  const codes: ReasonCode[] = [...hardLimitCodes, ...ruleCodes];
  if (outcomeOf(ruleCodes) === 'rejected')
    return result(codes, 'rules', ctx, signals, null, specificity);

  const model = options.model ?? loadDefaultModel();
  const probability = combinedSpamProbability(requestText(req), model, ctx.orgLabelsModel);
  const reviewAt = settings.classifier.reviewThreshold ?? model.thresholds.review;
  const rejectAt = Math.max(
    reviewAt,
    settings.classifier.rejectThreshold ?? model.thresholds.reject,
  );
  const specific = specificity >= settings.specificity.reviewBelow;
  if (probability >= rejectAt) {
    // Even a confident classifier only rejects requests that show no sign of a real question
    // for this ambassador; specific ones go to a person.
    codes.push(specific ? 'SPAM_SUSPECTED' : 'SPAM_LIKELY');
  } else if (probability >= reviewAt) {
    codes.push('SPAM_SUSPECTED');
  }

  if (!specific) codes.push('LOW_SPECIFICITY');
  return result(
    codes,
    'complete',
    ctx,
    signals,
    Math.round(probability * 10000) / 10000,
    specificity,
  );
}
