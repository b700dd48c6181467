export type ScreeningLayer = 'hard-limits' | 'rules' | 'classifier' | 'specificity';

// What a reason does to the outcome on its own: 'reject' reasons reject, 'review' reasons send
// the request to HR's moderation queue.
export type ReasonEffect = 'reject' | 'review';

export type ReasonCode =
  | 'RATE_LIMIT_IP'
  | 'RATE_LIMIT_EMAIL'
  | 'TOO_MANY_OPEN_REQUESTS'
  | 'SPRAYING'
  | 'EMAIL_BLOCKED'
  | 'DOMAIN_BLOCKED'
  | 'DISPOSABLE_EMAIL_DOMAIN'
  | 'EMPTY_ASK'
  | 'MISSING_VALUE_PROPOSITION'
  | 'TEXT_TOO_SHORT'
  | 'LOW_CHARACTER_VARIETY'
  | 'ALL_CAPS'
  | 'LINKS_ONLY'
  | 'TOO_MANY_LINKS'
  | 'PROFANITY'
  | 'ABUSIVE_LANGUAGE'
  | 'GENERIC_TEMPLATE'
  | 'SPAM_LIKELY'
  | 'SPAM_SUSPECTED'
  | 'LOW_SPECIFICITY';

export interface ReasonDefinition {
  readonly layer: ScreeningLayer;
  readonly effect: ReasonEffect;
  // Shown to the requester (and to HR in the moderation queue).
  readonly message: string;
  // What the requester can change; empty when nothing they write would help.
  readonly coaching: readonly string[];
}

// Messages are written for the requester. They never reveal who reported or blocked someone,
// nor the exact limits a sprayer could tune against.
export const REASONS: { readonly [C in ReasonCode]: ReasonDefinition } = {
  RATE_LIMIT_IP: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'Too many requests were sent from your network in the last hour.',
    coaching: ['Wait an hour before sending another request.'],
  },
  RATE_LIMIT_EMAIL: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'You have sent too many requests in the last hour.',
    coaching: ['Wait an hour, and pick the one ambassador whose topics fit your question best.'],
  },
  TOO_MANY_OPEN_REQUESTS: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'You already have the maximum number of open requests with this organization.',
    coaching: [
      'Wait for an answer to your open requests, or withdraw one before asking someone else.',
    ],
  },
  SPRAYING: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'The same message was just sent to several other ambassadors.',
    coaching: [
      'Write to one ambassador at a time, and tailor the message to their topics and work.',
    ],
  },
  EMAIL_BLOCKED: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'Requests from this e-mail address are not accepted at the moment.',
    coaching: [],
  },
  DOMAIN_BLOCKED: {
    layer: 'hard-limits',
    effect: 'reject',
    message: 'Requests from this e-mail domain are not accepted at the moment.',
    coaching: [],
  },
  DISPOSABLE_EMAIL_DOMAIN: {
    layer: 'hard-limits',
    effect: 'review',
    message: 'Requests from disposable e-mail addresses are checked by a person first.',
    coaching: ['Use a personal or work e-mail address you keep.'],
  },
  EMPTY_ASK: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request does not say what you would like to learn.',
    coaching: [
      'Name one concrete question you want to ask, for example "How does your team test Kafka consumers?".',
    ],
  },
  MISSING_VALUE_PROPOSITION: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request does not say what you bring.',
    coaching: ['Add one or two sentences about your own work: what you built, run or know well.'],
  },
  TEXT_TOO_SHORT: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request is too short for an ambassador to know what you want to talk about.',
    coaching: ['Name one concrete question you want to ask and why it matters to you.'],
  },
  LOW_CHARACTER_VARIETY: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request does not read as text.',
    coaching: ['Write your question in plain sentences.'],
  },
  ALL_CAPS: {
    layer: 'rules',
    effect: 'review',
    message: 'The request is written in capital letters.',
    coaching: ['Write in normal sentence case; capitals read as shouting.'],
  },
  LINKS_ONLY: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request contains links but no question.',
    coaching: [
      'Say in your own words what you want to ask; links alone do not tell the ambassador that.',
    ],
  },
  TOO_MANY_LINKS: {
    layer: 'rules',
    effect: 'review',
    message: 'The request contains more links than we deliver without a check.',
    coaching: ['Keep the one or two links that show your own work.'],
  },
  PROFANITY: {
    layer: 'rules',
    effect: 'review',
    message: 'The request contains language a person has to check first.',
    coaching: ['Keep the message professional.'],
  },
  ABUSIVE_LANGUAGE: {
    layer: 'rules',
    effect: 'reject',
    message: 'The request contains insulting, threatening or harassing language.',
    coaching: [],
  },
  GENERIC_TEMPLATE: {
    layer: 'rules',
    effect: 'reject',
    message:
      'The request reads like a general request for a job or a referral, not a question for this ambassador.',
    coaching: [
      'Name one concrete question you want to ask, for example about a tool, a decision or a problem the team works on.',
      "Mention a topic from the ambassador's profile, or the specific job you are interested in.",
      'Say what you bring: a project, a repository or a result of your own.',
    ],
  },
  SPAM_LIKELY: {
    layer: 'classifier',
    effect: 'reject',
    message:
      'The request reads like a bulk message (advertising, recruiting outreach, or a general request sent to many people) rather than a question for this ambassador.',
    coaching: [
      "Peer chats are for questions about the ambassador's work; offers and promotions are not delivered.",
    ],
  },
  SPAM_SUSPECTED: {
    layer: 'classifier',
    effect: 'review',
    message:
      'Parts of the request resemble bulk or low-effort messages, so a person checks it first.',
    coaching: [
      'Make the request personal: one concrete question and a sentence about your own work.',
    ],
  },
  LOW_SPECIFICITY: {
    layer: 'specificity',
    effect: 'review',
    message: 'The request is not specific enough to go straight to the ambassador.',
    coaching: [],
  },
};

export interface ScreeningReason {
  readonly code: ReasonCode;
  readonly message: string;
}

export function reason(code: ReasonCode): ScreeningReason {
  return { code, message: REASONS[code].message };
}
