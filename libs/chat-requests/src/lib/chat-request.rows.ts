import type { ScreeningReason } from '@peerline/screening';
import type { ChatRequestStatus } from './chat-request.states';
import type {
  AmbassadorInfo,
  ChatOutcome,
  ChatRequestRecord,
  StoredOutcome,
} from './chat-request.types';

/** How a chat request row is read: shared by the repositories of this lib. */
export interface RequestRow {
  id: string;
  organization_id: string;
  requester_id: string;
  requester_email: string;
  requester_email_domain: string;
  requested_ambassador_id: string | null;
  ambassador_id: string | null;
  routing_topic: string | null;
  route_if_full: boolean;
  status: ChatRequestStatus;
  status_reason: string | null;
  requester_name: string;
  links: string[];
  ask: string;
  value_proposition: string;
  topics: string[];
  job_id: string | null;
  preferred_times: string[];
  client_ip_hash: string;
  fingerprint: string | null;
  verification_expires_at: Date;
  verified_at: Date | null;
  screening_outcome: StoredOutcome | null;
  screening_reasons: ScreeningReason[];
  screening_coaching: string[];
  screening_score: number | null;
  shared_topics: string[] | null;
  resubmit_count: number;
  appealed_at: Date | null;
  appeal_note: string | null;
  retry_after: Date | null;
  delivered_at: Date | null;
  respond_by: Date | null;
  next_reminder_at: Date | null;
  reminders_sent: number;
  accepted_at: Date | null;
  starts_at: Date | null;
  duration_minutes: number | null;
  schedule_sequence: number;
  meeting_url: string | null;
  finished_at: Date | null;
  outcome: ChatOutcome | null;
  introduced_from_request_id: string | null;
  capacity_reference: string | null;
  created_at: Date;
  updated_at: Date;
}

export const REQUEST_COLUMNS = `r.id, r.organization_id, r.requester_id, q.email_normalized AS requester_email,
  q.email_domain AS requester_email_domain, r.requested_ambassador_id, r.ambassador_id,
  r.routing_topic, r.route_if_full, r.status, r.status_reason, r.requester_name, r.links, r.ask,
  r.value_proposition, r.topics, r.job_id, r.preferred_times, r.client_ip_hash, r.fingerprint,
  r.verification_expires_at, r.verified_at, r.screening_outcome, r.screening_reasons,
  r.screening_coaching, r.screening_score,
  ARRAY(SELECT jsonb_array_elements_text(coalesce(r.screening_signals->'sharedTopics', '[]'::jsonb)))
    AS shared_topics,
  r.resubmit_count, r.appealed_at, r.appeal_note, r.retry_after, r.delivered_at, r.respond_by,
  r.next_reminder_at, r.reminders_sent, r.accepted_at, r.starts_at, r.duration_minutes,
  r.schedule_sequence, r.meeting_url, r.finished_at, r.outcome, r.introduced_from_request_id,
  r.capacity_reference, r.created_at, r.updated_at`;

export const REQUEST_FROM = `chat_requests r
  JOIN requesters q ON q.organization_id = r.organization_id AND q.id = r.requester_id`;

export function toRecord(r: RequestRow): ChatRequestRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    requesterId: r.requester_id,
    requesterEmail: r.requester_email,
    requesterEmailDomain: r.requester_email_domain,
    requestedAmbassadorId: r.requested_ambassador_id,
    ambassadorId: r.ambassador_id,
    routingTopic: r.routing_topic,
    routeIfFull: r.route_if_full,
    status: r.status,
    statusReason: r.status_reason,
    requesterName: r.requester_name,
    links: r.links,
    ask: r.ask,
    valueProposition: r.value_proposition,
    topics: r.topics,
    jobId: r.job_id,
    preferredTimes: r.preferred_times,
    clientIpHash: r.client_ip_hash,
    fingerprint: r.fingerprint,
    verificationExpiresAt: r.verification_expires_at,
    verifiedAt: r.verified_at,
    screeningOutcome: r.screening_outcome,
    screeningReasons: r.screening_reasons,
    screeningCoaching: r.screening_coaching,
    screeningScore: r.screening_score,
    sharedTopics: r.shared_topics ?? [],
    resubmitCount: r.resubmit_count,
    appealedAt: r.appealed_at,
    appealNote: r.appeal_note,
    retryAfter: r.retry_after,
    deliveredAt: r.delivered_at,
    respondBy: r.respond_by,
    nextReminderAt: r.next_reminder_at,
    remindersSent: r.reminders_sent,
    acceptedAt: r.accepted_at,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    scheduleSequence: r.schedule_sequence,
    meetingUrl: r.meeting_url,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    introducedFromRequestId: r.introduced_from_request_id,
    capacityReference: r.capacity_reference,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface AmbassadorRow {
  id: string;
  user_id: string;
  display_name: string;
  topics: string[];
  team: string | null;
  department: string | null;
  languages: string[];
  time_zone: string;
  away: boolean;
}

export function toAmbassador(r: AmbassadorRow): AmbassadorInfo {
  return {
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    topics: r.topics,
    team: r.team,
    department: r.department,
    languages: r.languages,
    timeZone: r.time_zone,
    away: r.away,
  };
}

// Until the ambassadors lib exports lookups for other domains, these read its tables (read-only):
// a profile is deliverable when it is not paused and its user is active and still an ambassador
// (the directory's own rule).
export const AMBASSADOR_COLUMNS = `a.id, a.user_id, a.display_name, a.topics, a.team, a.department,
  a.languages, a.time_zone,
  (a.status = 'away' AND a.returns_on > (now() AT TIME ZONE
    (SELECT o2.time_zone FROM organizations o2 WHERE o2.id = a.organization_id))::date) AS away`;
export const AMBASSADOR_VISIBLE = `a.status <> 'paused' AND EXISTS (SELECT 1 FROM users u
  WHERE u.organization_id = a.organization_id AND u.id = a.user_id
    AND u.is_active AND 'ambassador' = ANY (u.roles))`;
