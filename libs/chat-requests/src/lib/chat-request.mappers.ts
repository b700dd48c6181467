import type { ScreeningResult } from '@peerline/screening';
import { HOLDS_CAPACITY } from './chat-request.states';
import type {
  ChatRequestRecord,
  HistoryEntry,
  InboxRow,
  ModerationRow,
} from './chat-request.types';
import type { FeedbackEntry } from './triage.repository';
import type { ChatDetailDto } from './dto/triage.dto';
import type {
  ChatRequestStateDto,
  InboxItemDto,
  ModerationQueueItemDto,
  RequesterStatusDto,
  ScreeningSummaryDto,
} from './dto/chat-request.dto';

const iso = (d: Date): string => d.toISOString();

export function summaryOf(
  record: Pick<ChatRequestRecord, 'screeningOutcome' | 'screeningReasons' | 'screeningCoaching'>,
): ScreeningSummaryDto {
  return {
    outcome: record.screeningOutcome,
    reasons: record.screeningReasons.map((r) => ({ code: r.code, message: r.message })),
    coaching: [...record.screeningCoaching],
  };
}

export function summaryOfResult(result: ScreeningResult): ScreeningSummaryDto {
  return {
    outcome: result.outcome,
    reasons: result.reasons.map((r) => ({ code: r.code, message: r.message })),
    coaching: [...result.coaching],
  };
}

export function toStateDto(record: ChatRequestRecord): ChatRequestStateDto {
  return {
    id: record.id,
    status: record.status,
    statusReason: record.statusReason,
    screening: summaryOf(record),
  };
}

const WITHDRAWABLE = new Set(['unverified', 'review', 'rejected', 'waiting', ...HOLDS_CAPACITY]);

export function toStatusDto(
  record: ChatRequestRecord,
  ambassadorName: string | null,
  history: readonly HistoryEntry[],
  rated = false,
): RequesterStatusDto {
  return {
    id: record.id,
    status: record.status,
    statusReason: record.statusReason,
    ambassador: record.ambassadorId
      ? { id: record.ambassadorId, displayName: ambassadorName }
      : null,
    topic: record.routingTopic,
    ask: record.ask,
    valueProposition: record.valueProposition,
    topics: record.topics,
    links: record.links,
    screening: summaryOf(record),
    retryAfter: record.status === 'waiting' && record.retryAfter ? iso(record.retryAfter) : null,
    canWithdraw: WITHDRAWABLE.has(record.status),
    canResubmit: record.status === 'rejected' && record.resubmitCount === 0,
    canAppeal: record.status === 'rejected' && record.appealedAt === null,
    canRate: record.status === 'completed' && !rated,
    slot:
      (record.status === 'scheduled' || record.status === 'completed') &&
      record.startsAt &&
      record.durationMinutes !== null
        ? {
            startsAt: iso(record.startsAt),
            durationMinutes: record.durationMinutes,
            meetingUrl: record.meetingUrl,
          }
        : null,
    createdAt: iso(record.createdAt),
    history: history.map((h) => ({ status: h.toStatus, at: iso(h.at) })),
  };
}

export function toQueueItem(row: ModerationRow): ModerationQueueItemDto {
  const r = row.request;
  return {
    id: r.id,
    status: r.status,
    ambassador: r.ambassadorId ? { id: r.ambassadorId, displayName: row.ambassadorName } : null,
    requester: { name: r.requesterName, links: r.links },
    requesterEmailDomain: r.requesterEmailDomain,
    ask: r.ask,
    valueProposition: r.valueProposition,
    topics: r.topics,
    jobId: r.jobId,
    screening: { ...summaryOf(r), score: r.screeningScore },
    appeal: r.appealedAt ? { at: iso(r.appealedAt), note: r.appealNote } : null,
    createdAt: iso(r.createdAt),
    queuedAt: iso(r.updatedAt),
  };
}

/** No e-mail address, no status token: the ambassador learns those only after accepting. */
export function toInboxItem(row: InboxRow): InboxItemDto {
  const r = row.request;
  return {
    id: r.id,
    status: r.status,
    deliveredAt: iso(r.deliveredAt ?? r.updatedAt),
    requester: { name: r.requesterName, links: r.links },
    ask: r.ask,
    valueProposition: r.valueProposition,
    topics: r.topics,
    jobId: r.jobId,
    preferredTimes: r.preferredTimes,
    screening: {
      outcome: r.screeningOutcome,
      reasons: r.screeningReasons.map((x) => ({ code: x.code, message: x.message })),
      score: r.screeningScore,
      sharedTopics: r.sharedTopics,
    },
  };
}

export function toChatDetail(
  r: ChatRequestRecord,
  feedback: readonly FeedbackEntry[],
): ChatDetailDto {
  return {
    id: r.id,
    status: r.status,
    statusReason: r.statusReason,
    requesterName: r.requesterName,
    links: r.links,
    ask: r.ask,
    valueProposition: r.valueProposition,
    topics: r.topics,
    preferredTimes: r.preferredTimes,
    deliveredAt: r.deliveredAt ? iso(r.deliveredAt) : null,
    respondBy: r.status === 'delivered' && r.respondBy ? iso(r.respondBy) : null,
    slot:
      r.startsAt && r.durationMinutes !== null
        ? {
            startsAt: iso(r.startsAt),
            durationMinutes: r.durationMinutes,
            meetingUrl: r.meetingUrl,
          }
        : null,
    outcome: r.outcome,
    feedback: feedback.map((f) => ({
      side: f.side,
      rating: f.rating,
      note: f.note,
      at: iso(f.at),
    })),
    introducedFrom: r.introducedFromRequestId,
  };
}
