import type { ScreeningModel } from './model';
import type { ScreeningReason } from './reason-codes';

export interface ScreeningRequest {
  readonly ask: string;
  readonly valueProposition: string;
  readonly topics: readonly string[];
  readonly links: readonly string[];
  readonly requesterEmail: string;
  readonly jobId?: string;
  readonly preferredTimes?: readonly string[];
}

// A model trained on one organization's own moderation labels (see trainModel), blended with the
// default model in proportion to how many labels it has seen.
export interface OrgLabelsModel {
  readonly model: ScreeningModel;
  readonly labelledExamples: number;
}

// Everything screening needs that lives in the database or in Redis; the caller looks it up so
// that screening stays a pure function.
export interface ScreeningContext {
  readonly ambassadorTopics: readonly string[];
  readonly ambassadorTeam?: string;
  // Title of the job named by request.jobId, when there is one.
  readonly jobTitle?: string;
  // Requests seen before this one in the last hour, from the same IP and the same e-mail.
  readonly rateCounters: { readonly perIpLastHour: number; readonly perEmailLastHour: number };
  // Open requests of this requester across the organization, not counting this one.
  readonly openRequestsOfRequester: number;
  // Other ambassadors who received the same or nearly the same text within the window of
  // settings.nearDuplicates (count with fingerprint() and fingerprintSimilarity()).
  readonly nearDuplicatesSentRecently: number;
  readonly isFirstTimeSender: boolean;
  readonly emailBlocked: boolean;
  readonly domainBlocked: boolean;
  readonly isDisposableDomain: boolean;
  readonly orgLabelsModel?: OrgLabelsModel;
}

export type ScreeningOutcome = 'passed' | 'review' | 'rejected';

export type ScreeningStage = 'hard-limits' | 'rules' | 'complete';

export interface ScreeningResult {
  readonly outcome: ScreeningOutcome;
  // 0..1, higher is better: how likely the request is a serious, specific ask. 0 when a hard
  // limit or a rejecting rule stopped screening early. Meant for sorting the moderation queue.
  readonly score: number;
  readonly reasons: readonly ScreeningReason[];
  readonly coaching: readonly string[];
  // For HR and for debugging; not shown to requesters.
  readonly signals: {
    readonly stoppedAt: ScreeningStage;
    readonly spamProbability: number | null;
    readonly specificity: number | null;
    readonly concreteQuestion: boolean | null;
    readonly sharedTopics: readonly string[];
  };
}
