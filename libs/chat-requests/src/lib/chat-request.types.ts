import type { ScreeningReason } from '@peerline/screening';
import type { ChatRequestStatus, HistoryActor } from './chat-request.states';

export type StoredOutcome = 'passed' | 'review' | 'rejected';

/** What the ambassador took from a completed chat. */
export const CHAT_OUTCOMES = ['no_fit', 'keep_in_touch', 'would_refer'] as const;
export type ChatOutcome = (typeof CHAT_OUTCOMES)[number];

/** A request as the services see it, with its requester's normalized address joined in. */
export interface ChatRequestRecord {
  id: string;
  organizationId: string;
  requesterId: string;
  requesterEmail: string;
  requesterEmailDomain: string;
  requestedAmbassadorId: string | null;
  ambassadorId: string | null;
  routingTopic: string | null;
  routeIfFull: boolean;
  status: ChatRequestStatus;
  statusReason: string | null;
  requesterName: string;
  links: string[];
  ask: string;
  valueProposition: string;
  topics: string[];
  jobId: string | null;
  preferredTimes: string[];
  clientIpHash: string;
  /** Set when the text is screened. */
  fingerprint: string | null;
  verificationExpiresAt: Date;
  verifiedAt: Date | null;
  screeningOutcome: StoredOutcome | null;
  screeningReasons: ScreeningReason[];
  screeningCoaching: string[];
  screeningScore: number | null;
  sharedTopics: string[];
  resubmitCount: number;
  appealedAt: Date | null;
  appealNote: string | null;
  retryAfter: Date | null;
  deliveredAt: Date | null;
  /** Service level while delivered: expiry, and the next reminder (null: none left). */
  respondBy: Date | null;
  nextReminderAt: Date | null;
  remindersSent: number;
  acceptedAt: Date | null;
  /** The agreed slot, once scheduled; scheduleSequence is the calendar event's SEQUENCE. */
  startsAt: Date | null;
  durationMinutes: number | null;
  scheduleSequence: number;
  meetingUrl: string | null;
  finishedAt: Date | null;
  outcome: ChatOutcome | null;
  introducedFromRequestId: string | null;
  /** The reservation reference of the weekly slot held (null: none held). */
  capacityReference: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewChatRequest {
  emailNormalized: string;
  emailDomain: string;
  requesterName: string;
  requestedAmbassadorId: string | null;
  routingTopic: string | null;
  routeIfFull: boolean;
  links: string[];
  ask: string;
  valueProposition: string;
  topics: string[];
  jobId: string | null;
  preferredTimes: string[];
  clientIpHash: string;
  verificationTokenHash: string;
  verificationTtlHours: number;
}

/** What one intake statement found and wrote. */
export interface InsertedRequest {
  /** null when the named ambassador is unknown, paused or hidden: nothing was written. */
  id: string | null;
  organizationId: string;
  organizationName: string;
  organizationTimeZone: string;
  ambassadorName: string | null;
}

/** What chat requests need to know about an ambassador (read from the ambassadors lib's tables). */
export interface AmbassadorInfo {
  id: string;
  userId: string;
  displayName: string;
  topics: string[];
  team: string | null;
  department: string | null;
  languages: string[];
  /** IANA zone of the ambassador (calendar invites are written in it). */
  timeZone: string;
  /** Away today (their requests get no reminders and wait or route). */
  away: boolean;
}

export interface MatchCandidateInfo extends AmbassadorInfo {
  /** Slots left this ISO week. */
  remaining: number;
}

/** Fields a transition may change besides the status, each mapped to one column. */
export interface TransitionChanges {
  statusReason?: string | null;
  ambassadorId?: string | null;
  verified?: true;
  delivered?: true;
  retryAfter?: Date | null;
  resubmitCount?: number;
  appealed?: { note: string | null };
  text?: { ask: string; valueProposition: string; topics: string[]; links: string[] };
  /** The service-level clock of a (re)delivery; null clears it. */
  sla?: { respondBy: Date; nextReminderAt: Date | null } | null;
  capacityReference?: string | null;
  accepted?: true;
  slot?: {
    startsAt: Date;
    durationMinutes: number;
    meetingUrl: string | null;
    bumpSequence: boolean;
  } | null;
  finished?: true;
}

export interface Transition {
  from: ChatRequestStatus;
  to: ChatRequestStatus;
  actor: HistoryActor;
  reason: string | null;
  changes?: TransitionChanges;
}

export interface ScreeningCounters {
  perIpLastHour: number;
  perEmailLastHour: number;
  openRequestsOfRequester: number;
  earlierVerifiedRequests: number;
  emailBlocked: boolean;
  domainBlocked: boolean;
}

export interface StoredSettings {
  overrides: Record<string, unknown>;
  blockedDomains: string[];
}

export interface QueueCursor {
  at: string;
  id: string;
}

export interface ModerationRow {
  request: ChatRequestRecord;
  ambassadorName: string | null;
  /** updated_at as Postgres prints it, for an exact cursor. */
  cursorAt: string;
}

export interface InboxRow {
  request: ChatRequestRecord;
  cursorAt: string;
}

export interface HistoryEntry {
  toStatus: ChatRequestStatus;
  at: Date;
}
