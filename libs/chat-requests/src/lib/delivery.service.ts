import { Inject, Injectable, Logger } from '@nestjs/common';
import { normalizeTopics, rankCandidates } from '@peerline/ambassadors';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { inTransaction } from '@peerline/db';
import { NotificationsService } from '@peerline/notifications';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityPort } from './capacity.port';
import type { ChatRequestStatus, HistoryActor } from './chat-request.states';
import type {
  AmbassadorInfo,
  ChatRequestRecord,
  MatchCandidateInfo,
  TransitionChanges,
} from './chat-request.types';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';

/** How many ambassadors a routed request may try in one go; each try takes row locks. */
const MAX_ROUTING_TRIES = 10;
const MATCH_CANDIDATES = 50;
/** The ambassador is asked to answer within a week (PRODUCT.md §3). */
const RESPOND_WITHIN_MS = 7 * 24 * 3600 * 1000;
const NOTICE_TEXT_MAX = 600;

export interface DeliveryOutcome {
  status: Extract<ChatRequestStatus, 'delivered' | 'waiting'>;
  statusReason: string | null;
  ambassadorId: string | null;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** The requester's topics and routing topic as directory tags; unusable ones are left out. */
export function matchTopics(request: Pick<ChatRequestRecord, 'topics' | 'routingTopic'>): string[] {
  const raw = request.routingTopic
    ? [request.routingTopic, ...request.topics]
    : [...request.topics];
  return normalizeTopics(raw).topics;
}

/**
 * Delivery of a request that passed screening or moderation: it takes one of the ambassador's
 * weekly slots (the ambassadors lib guarantees no over-booking), or, with the requester's consent
 * or when they asked for "best match", one of the next best-matching ambassador's; otherwise it
 * waits for the next ISO week. A request is never dropped here.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly webUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly capacity: CapacityPort,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.webUrl = config.WEB_URL;
  }

  /** Ambassadors matching the request's topics, best first (the ambassadors lib's ranking). */
  async rankedMatches(
    em: EntityManager,
    request: Pick<ChatRequestRecord, 'organizationId' | 'topics' | 'routingTopic'>,
  ): Promise<MatchCandidateInfo[]> {
    const topics = matchTopics(request);
    if (topics.length === 0) return [];
    const candidates = await this.requests.findMatchCandidates(
      em,
      request.organizationId,
      topics,
      MATCH_CANDIDATES,
    );
    return rankCandidates({ topics }, candidates, MATCH_CANDIDATES).map((m) => m.candidate);
  }

  async deliver(
    tx: EntityManager,
    request: ChatRequestRecord,
    from: Extract<ChatRequestStatus, 'screening' | 'review' | 'waiting'>,
    actor: HistoryActor,
    reason: string,
  ): Promise<DeliveryOutcome> {
    const org = request.organizationId;
    const primaryId = request.ambassadorId;
    const candidates: AmbassadorInfo[] = [];
    if (primaryId !== null) {
      const primary = await this.requests.findAmbassador(tx, org, primaryId);
      if (primary) candidates.push(primary);
    }
    // Asking for "best match" is consent to any matching ambassador.
    const mayRoute = request.routeIfFull || request.requestedAmbassadorId === null;
    if (mayRoute) {
      const matches = await this.rankedMatches(tx, request);
      for (const m of matches) {
        if (candidates.length >= MAX_ROUTING_TRIES) break;
        if (m.id !== primaryId && m.remaining > 0) candidates.push(m);
      }
    }

    const now = new Date();
    for (const candidate of candidates) {
      // The request id is the reservation reference: a replay cannot take a second slot.
      if (!(await this.capacity.reserve(tx, org, candidate.id, now, request.id))) continue;
      const routed = candidate.id !== primaryId;
      await this.move(tx, request, from, 'delivered', actor, reason, {
        ambassadorId: candidate.id,
        delivered: true,
        statusReason: routed ? 'routed' : null,
      });
      if (routed) await this.requests.setBandsAmbassador(tx, org, request.id, candidate.id);
      await this.notifyAmbassador(tx, request, candidate, now);
      return {
        status: 'delivered',
        statusReason: routed ? 'routed' : null,
        ambassadorId: candidate.id,
      };
    }

    const retryAfter = await this.requests.nextWeekStart(tx, org);
    const statusReason =
      candidates.length === 0 && primaryId === null ? 'no_match' : 'capacity_full';
    if (from === 'waiting') {
      await this.requests.postponeWaiting(tx, org, request.id, retryAfter, statusReason);
    } else {
      await this.move(tx, request, from, 'waiting', actor, reason, { statusReason, retryAfter });
    }
    return { status: 'waiting', statusReason, ambassadorId: primaryId };
  }

  /**
   * The scheduled retry: each due waiting request in its own transaction, so one failure does
   * not hold back the rest. Returns how many were delivered.
   */
  async retryWaiting(limit: number): Promise<{ delivered: number; stillWaiting: number }> {
    const due = await this.requests.dueWaiting(this.dataSource.manager, limit);
    let delivered = 0;
    let stillWaiting = 0;
    for (const { organizationId, id } of due) {
      try {
        const outcome = await inTransaction(this.dataSource, async (tx) => {
          const request = await this.requests.lockDueWaiting(tx, organizationId, id);
          if (!request) return null;
          return this.deliver(tx, request, 'waiting', { type: 'system' }, 'capacity_retry');
        });
        if (outcome?.status === 'delivered') delivered++;
        else if (outcome) stillWaiting++;
      } catch (err) {
        this.logger.error(`retrying delivery of chat request ${id} failed: ${errorName(err)}`);
      }
    }
    return { delivered, stillWaiting };
  }

  private async move(
    tx: EntityManager,
    request: ChatRequestRecord,
    from: ChatRequestStatus,
    to: ChatRequestStatus,
    actor: HistoryActor,
    reason: string,
    changes: TransitionChanges,
  ): Promise<void> {
    const moved = await this.requests.transition(tx, request.organizationId, request.id, {
      from,
      to,
      actor,
      reason,
      changes,
    });
    // The caller holds the row lock, so only a programming error gets here.
    if (!moved) throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { from, to });
  }

  private async notifyAmbassador(
    tx: EntityManager,
    request: ChatRequestRecord,
    ambassador: AmbassadorInfo,
    now: Date,
  ): Promise<void> {
    const inboxUrl = new URL('/inbox', this.webUrl).toString();
    const requestUrl = new URL(`/inbox/${request.id}`, this.webUrl).toString();
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.delivered',
      recipientUserId: ambassador.userId,
      // One notice per delivery of this request to this ambassador, however often it is replayed.
      idempotencyKey: `chat-request.delivered:${request.id}:${ambassador.id}`,
      params: {
        ambassadorName: ambassador.displayName,
        requesterName: request.requesterName,
        ask: shorten(request.ask, NOTICE_TEXT_MAX),
        valueProposition: shorten(request.valueProposition, NOTICE_TEXT_MAX),
        topics: request.topics,
        inboxUrl,
        // One-click signed links arrive with triage (issue 5); until then both open the request.
        acceptUrl: `${requestUrl}?action=accept`,
        declineUrl: `${requestUrl}?action=decline`,
        respondBy: new Date(now.getTime() + RESPOND_WITHIN_MS).toISOString(),
      },
    });
  }
}

function errorName(err: unknown): string {
  if (err instanceof Error)
    return 'code' in err && typeof err.code === 'string' ? `${err.name} ${err.code}` : err.name;
  return 'unknown error';
}
