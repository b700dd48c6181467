// Per-organization screening settings. Every number has a default chosen so that a new
// organization is protected from spraying and spam without HR touching anything, and so that a
// legitimate requester is sent to review rather than rejected when a signal is borderline.

export interface ScreeningSettings {
  readonly hardLimits: {
    // Counts are of earlier requests, not including the one being screened.
    readonly maxRequestsPerIpPerHour: number;
    readonly maxRequestsPerEmailPerHour: number;
    readonly maxOpenRequestsPerRequester: number;
  };
  readonly nearDuplicates: {
    // "More than 3 other ambassadors got the same text within 5 minutes" means spraying.
    // windowMinutes and minSimilarity are for the caller that counts them (see fingerprint.ts).
    readonly maxOtherRecipients: number;
    readonly windowMinutes: number;
    readonly minSimilarity: number;
  };
  readonly links: {
    readonly maxForFirstTimeSender: number;
    readonly maxTotal: number;
  };
  readonly text: {
    readonly minAskLetters: number;
    readonly minAskWords: number;
  };
  readonly classifier: {
    // undefined = use the thresholds calibrated into the model artifact.
    readonly reviewThreshold: number | undefined;
    readonly rejectThreshold: number | undefined;
  };
  readonly specificity: {
    // Below this fit score (0..1) a request goes to review instead of the inbox.
    readonly reviewBelow: number;
  };
}

export type ScreeningSettingsInput = {
  readonly [K in keyof ScreeningSettings]?: Partial<ScreeningSettings[K]>;
};

export const DEFAULT_SCREENING_SETTINGS: ScreeningSettings = {
  hardLimits: {
    maxRequestsPerIpPerHour: 20,
    maxRequestsPerEmailPerHour: 5,
    maxOpenRequestsPerRequester: 3,
  },
  nearDuplicates: { maxOtherRecipients: 3, windowMinutes: 5, minSimilarity: 0.8 },
  links: { maxForFirstTimeSender: 3, maxTotal: 8 },
  text: { minAskLetters: 15, minAskWords: 4 },
  classifier: { reviewThreshold: undefined, rejectThreshold: undefined },
  specificity: { reviewBelow: 0.45 },
};

export class ScreeningSettingsError extends Error {
  override readonly name = 'ScreeningSettingsError';
}

function count(value: number, path: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new ScreeningSettingsError(`${path} must be a non-negative integer`);
  return value;
}

function probability(value: number, path: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new ScreeningSettingsError(`${path} must be in [0, 1]`);
  return value;
}

function optionalProbability(value: number | undefined, path: string): number | undefined {
  return value === undefined ? undefined : probability(value, path);
}

// Merges an organization's overrides onto the defaults and validates them; the application
// should call it when HR saves settings, so a bad value is refused there, not at screening time.
export function resolveScreeningSettings(input: ScreeningSettingsInput = {}): ScreeningSettings {
  const d = DEFAULT_SCREENING_SETTINGS;
  const hardLimits = { ...d.hardLimits, ...input.hardLimits };
  const nearDuplicates = { ...d.nearDuplicates, ...input.nearDuplicates };
  const links = { ...d.links, ...input.links };
  const text = { ...d.text, ...input.text };
  const classifier = { ...d.classifier, ...input.classifier };
  const specificity = { ...d.specificity, ...input.specificity };
  const resolved: ScreeningSettings = {
    hardLimits: {
      maxRequestsPerIpPerHour: count(
        hardLimits.maxRequestsPerIpPerHour,
        'hardLimits.maxRequestsPerIpPerHour',
      ),
      maxRequestsPerEmailPerHour: count(
        hardLimits.maxRequestsPerEmailPerHour,
        'hardLimits.maxRequestsPerEmailPerHour',
      ),
      maxOpenRequestsPerRequester: count(
        hardLimits.maxOpenRequestsPerRequester,
        'hardLimits.maxOpenRequestsPerRequester',
      ),
    },
    nearDuplicates: {
      maxOtherRecipients: count(
        nearDuplicates.maxOtherRecipients,
        'nearDuplicates.maxOtherRecipients',
      ),
      windowMinutes: count(nearDuplicates.windowMinutes, 'nearDuplicates.windowMinutes'),
      minSimilarity: probability(nearDuplicates.minSimilarity, 'nearDuplicates.minSimilarity'),
    },
    links: {
      maxForFirstTimeSender: count(links.maxForFirstTimeSender, 'links.maxForFirstTimeSender'),
      maxTotal: count(links.maxTotal, 'links.maxTotal'),
    },
    text: {
      minAskLetters: count(text.minAskLetters, 'text.minAskLetters'),
      minAskWords: count(text.minAskWords, 'text.minAskWords'),
    },
    classifier: {
      reviewThreshold: optionalProbability(
        classifier.reviewThreshold,
        'classifier.reviewThreshold',
      ),
      rejectThreshold: optionalProbability(
        classifier.rejectThreshold,
        'classifier.rejectThreshold',
      ),
    },
    specificity: { reviewBelow: probability(specificity.reviewBelow, 'specificity.reviewBelow') },
  };
  const { reviewThreshold, rejectThreshold } = resolved.classifier;
  if (
    reviewThreshold !== undefined &&
    rejectThreshold !== undefined &&
    reviewThreshold > rejectThreshold
  ) {
    throw new ScreeningSettingsError(
      'classifier.reviewThreshold must not exceed classifier.rejectThreshold',
    );
  }
  return resolved;
}
