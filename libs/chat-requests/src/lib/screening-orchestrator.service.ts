import { Injectable } from '@nestjs/common';
import {
  fingerprint,
  fingerprintBands,
  fingerprintSimilarity,
  requestFingerprintText,
  screen,
  type ScreeningContext,
  type ScreeningResult,
} from '@peerline/screening';
import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES, type ChatRequestStatus, type HistoryActor } from './chat-request.states';
import type { AmbassadorInfo, ChatRequestRecord } from './chat-request.types';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DeliveryService } from './delivery.service';
import { domainAndParents, isDisposableDomain } from './requester-email.util';
import { OrgScreeningModels } from './org-screening-models.service';
import { RequesterMails } from './requester-mails.service';
import { ScreeningSettingsService } from './screening-settings.service';

export interface ScreenedRequest {
  id: string;
  status: ChatRequestStatus;
  statusReason: string | null;
  screening: ScreeningResult;
}

/**
 * How many other ambassadors received the same or nearly the same text: candidates come from the
 * band index, similarity is checked on the full fingerprints.
 */
export function countOtherRecipients(
  candidates: readonly { ambassadorId: string | null; fingerprint: string }[],
  textFingerprint: string,
  minSimilarity: number,
  ambassadorId: string | null,
): number {
  const others = new Set<string>();
  for (const c of candidates) {
    if (c.ambassadorId === null || c.ambassadorId === ambassadorId) continue;
    if (fingerprintSimilarity(c.fingerprint, textFingerprint) >= minSimilarity)
      others.add(c.ambassadorId);
  }
  return others.size;
}

/**
 * Screening of a verified (or resubmitted) request, inside the caller's transaction: builds the
 * context from the database, calls the pure screen(), stores the result, and moves the request on
 * (delivery, the moderation queue, or back to the requester with coaching).
 */
@Injectable()
export class ScreeningOrchestrator {
  constructor(
    private readonly requests: ChatRequestsRepository,
    private readonly settings: ScreeningSettingsService,
    private readonly delivery: DeliveryService,
    private readonly mails: RequesterMails,
    private readonly orgModels: OrgScreeningModels,
  ) {}

  /** `request` is locked by the caller and in state 'screening'. */
  async screenAndRoute(
    tx: EntityManager,
    request: ChatRequestRecord,
    actor: HistoryActor,
    round: string,
  ): Promise<ScreenedRequest> {
    const org = request.organizationId;
    // One requester's requests are screened one at a time: the open-request limit and the rate
    // counts must see each other.
    await this.requests.lockRequester(tx, org, request.requesterId);

    let target: AmbassadorInfo | null = null;
    if (request.ambassadorId !== null) {
      target = await this.requests.findAmbassador(tx, org, request.ambassadorId);
    } else {
      // "Best match for topic X": screen against the best match with a slot (else the best).
      const ranked = await this.delivery.rankedMatches(tx, request);
      target = ranked.find((m) => m.remaining > 0) ?? ranked[0] ?? null;
      if (target) await this.requests.setAmbassador(tx, org, request.id, target.id);
    }
    const current: ChatRequestRecord = {
      ...request,
      ambassadorId: target?.id ?? request.ambassadorId,
    };

    const settings = await this.settings.resolvedFor(tx, org);
    const counters = await this.requests.screeningCounters(
      tx,
      org,
      current,
      domainAndParents(current.requesterEmailDomain),
      OPEN_STATUSES,
    );

    // Computed here rather than at intake: only verified requests need it, and intake stays cheap.
    const textFingerprint = fingerprint(requestFingerprintText(current));
    const bands = fingerprintBands(textFingerprint);
    await this.requests.lockBands(tx, org, bands);
    const candidates = await this.requests.findNearDuplicateCandidates(
      tx,
      org,
      current.id,
      bands,
      settings.resolved.nearDuplicates.windowMinutes,
    );
    const orgLabelsModel = await this.orgModels.forOrganization(tx, org);
    const context: ScreeningContext = {
      ambassadorTopics: target?.topics ?? [],
      ...(target?.team ? { ambassadorTeam: target.team } : {}),
      rateCounters: {
        perIpLastHour: counters.perIpLastHour,
        perEmailLastHour: counters.perEmailLastHour,
      },
      openRequestsOfRequester: counters.openRequestsOfRequester,
      nearDuplicatesSentRecently: countOtherRecipients(
        candidates,
        textFingerprint,
        settings.resolved.nearDuplicates.minSimilarity,
        current.ambassadorId,
      ),
      isFirstTimeSender: counters.earlierVerifiedRequests === 0,
      emailBlocked: counters.emailBlocked,
      // Includes the domains HR listed in the screening settings.
      domainBlocked: counters.domainBlocked,
      isDisposableDomain: isDisposableDomain(current.requesterEmailDomain),
      // The organization's own model, once HR has labelled enough requests of both kinds.
      ...(orgLabelsModel !== undefined ? { orgLabelsModel } : {}),
    };
    const topics = current.routingTopic
      ? [current.routingTopic, ...current.topics]
      : current.topics;
    const result = screen(
      {
        ask: current.ask,
        valueProposition: current.valueProposition,
        topics,
        links: current.links,
        requesterEmail: current.requesterEmail,
        ...(current.jobId !== null ? { jobId: current.jobId } : {}),
        preferredTimes: current.preferredTimes,
      },
      context,
      settings.input,
    );
    await this.requests.recordScreening(tx, org, current.id, result, textFingerprint);
    // Recorded whatever the outcome: an attempt to spray counts even when it is stopped.
    await this.requests.saveBands(tx, org, current.id, current.ambassadorId, bands);

    switch (result.outcome) {
      case 'passed': {
        const outcome = await this.delivery.deliver(
          tx,
          current,
          'screening',
          actor,
          'screening_passed',
        );
        return {
          id: current.id,
          status: outcome.status,
          statusReason: outcome.statusReason,
          screening: result,
        };
      }
      case 'review': {
        await this.move(tx, current, 'review', actor, 'screening_review');
        return { id: current.id, status: 'review', statusReason: null, screening: result };
      }
      case 'rejected': {
        await this.move(tx, current, 'rejected', actor, 'screening_rejected');
        await this.mails.queueRejection(
          tx,
          {
            ...current,
            screeningOutcome: 'rejected',
            screeningReasons: [...result.reasons],
            screeningCoaching: [...result.coaching],
          },
          `screening-${round}`,
          null,
        );
        return { id: current.id, status: 'rejected', statusReason: null, screening: result };
      }
    }
  }

  private async move(
    tx: EntityManager,
    request: ChatRequestRecord,
    to: ChatRequestStatus,
    actor: HistoryActor,
    reason: string,
  ): Promise<void> {
    const moved = await this.requests.transition(tx, request.organizationId, request.id, {
      from: 'screening',
      to,
      actor,
      reason,
    });
    if (!moved) throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { from: 'screening', to });
  }
}
