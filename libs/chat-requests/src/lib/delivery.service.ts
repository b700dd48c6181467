import { Injectable, Logger } from '@nestjs/common';
import { normalizeTopics, rankCandidates } from '@peerline/ambassadors';
import { Clock } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { randomUUID } from 'node:crypto';
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
import { serviceLevelFrom } from './service-level';
import { TriageMails } from './triage-mails.service';

/** How many ambassadors a routed request may try in one go; each try takes row locks. */
const MAX_ROUTING_TRIES = 10;
const MATCH_CANDIDATES = 50;

export interface DeliveryOutcome {
  status: Extract<ChatRequestStatus, 'delivered' | 'waiting'>;
  statusReason: string | null;
  ambassadorId: string | null;
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly capacity: CapacityPort,
    private readonly mails: TriageMails,
    private readonly clock: Clock,
  ) {}

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
    if (this.mayRoute(request)) {
      const matches = await this.rankedMatches(tx, request);
      for (const m of matches) {
        if (candidates.length >= MAX_ROUTING_TRIES) break;
        if (m.id !== primaryId && m.remaining > 0) candidates.push(m);
      }
    }

    const now = this.clock.now();
    for (const candidate of candidates) {
      // The request id is the reservation reference: a replay cannot take a second slot.
      if (!(await this.capacity.reserve(tx, org, candidate.id, now, request.id))) continue;
      const routed = candidate.id !== primaryId;
      const sla = serviceLevelFrom(now);
      await this.move(tx, request, from, 'delivered', actor, reason, {
        ambassadorId: candidate.id,
        delivered: true,
        statusReason: routed ? 'routed' : null,
        sla,
        capacityReference: request.id,
      });
      if (routed) await this.requests.setBandsAmbassador(tx, org, request.id, candidate.id);
      await this.mails.delivered(tx, request, candidate, now, sla.respondBy);
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

  /**
   * Moves a delivered request to another ambassador: the colleague's slot is reserved first (a
   * fresh reservation reference, so a request can hold a slot again after a release), then the
   * current one is given back, in the caller's transaction. False when the colleague has no slot.
   */
  async moveToAmbassador(
    tx: EntityManager,
    request: ChatRequestRecord,
    target: AmbassadorInfo,
    actor: HistoryActor,
    reason: string,
    forwarded: { by: string; note: string | null } | null,
  ): Promise<boolean> {
    if (request.status !== 'delivered' || request.ambassadorId === null) {
      throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
    }
    const org = request.organizationId;
    const now = this.clock.now();
    const reference = `${request.id}:${randomUUID()}`;
    if (!(await this.capacity.reserve(tx, org, target.id, now, reference))) return false;
    await this.capacity.release(
      tx,
      org,
      request.ambassadorId,
      request.capacityReference ?? request.id,
    );
    const sla = serviceLevelFrom(now);
    await this.move(tx, request, 'delivered', 'delivered', actor, reason, {
      ambassadorId: target.id,
      delivered: true,
      statusReason: reason,
      sla,
      capacityReference: reference,
    });
    await this.requests.setBandsAmbassador(tx, org, request.id, target.id);
    await this.mails.delivered(tx, request, target, now, sla.respondBy, forwarded);
    return true;
  }

  /**
   * The best-matching other ambassador with a slot takes the request (re-routing with the
   * requester's consent). Null when nobody else can: the request stays where it is.
   */
  async reroute(
    tx: EntityManager,
    request: ChatRequestRecord,
    actor: HistoryActor,
    reason: string,
  ): Promise<AmbassadorInfo | null> {
    const matches = await this.rankedMatches(tx, request);
    let tries = 0;
    for (const m of matches) {
      if (tries >= MAX_ROUTING_TRIES) break;
      if (m.id === request.ambassadorId || m.remaining <= 0 || m.away) continue;
      tries++;
      if (await this.moveToAmbassador(tx, request, m, actor, reason, null)) return m;
    }
    return null;
  }

  /** Whether the requester agreed to any matching ambassador ("best match" is consent too). */
  mayRoute(request: Pick<ChatRequestRecord, 'routeIfFull' | 'requestedAmbassadorId'>): boolean {
    return request.routeIfFull || request.requestedAmbassadorId === null;
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
}

function errorName(err: unknown): string {
  if (err instanceof Error)
    return 'code' in err && typeof err.code === 'string' ? `${err.name} ${err.code}` : err.name;
  return 'unknown error';
}
