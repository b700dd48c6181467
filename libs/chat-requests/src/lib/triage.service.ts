import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import {
  decodeTimeCursor,
  NotFoundError,
  toPage,
  ValidationFailedError,
  type Page,
} from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { requestText } from '@peerline/screening';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityPort } from './capacity.port';
import { toChatDetail, toStateDto } from './chat-request.mappers';
import type { ChatRequestStatus, HistoryActor } from './chat-request.states';
import { HOLDS_CAPACITY } from './chat-request.states';
import type { ChatRequestRecord, TransitionChanges } from './chat-request.types';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DECLINE_TEMPLATES, ONE_CLICK_DECLINE, type DeclineTemplate } from './decline-templates';
import { DeliveryService } from './delivery.service';
import type { ChatRequestStateDto } from './dto/chat-request.dto';
import type {
  AmbassadorFeedbackDto,
  CancelChatDto,
  ChatDetailDto,
  DeclineChatRequestDto,
  ForwardChatRequestDto,
  IntroduceRequesterDto,
  IntroductionResultDto,
  ReportChatRequestDto,
  ScheduleChatDto,
  TriageLinkResultDto,
} from './dto/triage.dto';
import { MY_CHAT_STATUSES, type MyChatStatus } from './dto/triage.dto';
import { isUuid } from '@peerline/http-kit';
import { hashToken, newVerificationToken } from './requester-tokens.util';
import { assertAnyRole } from './screening-settings.service';
import { serviceLevelFrom } from './service-level';
import { illegalTransition, slotOf } from './lifecycle';
import { TriageLinks, type TriageLinkClaims } from './triage-links.util';
import { TriageMails, type ChatParties, type ChatSlot } from './triage-mails.service';
import { TriageRepository, type TriageAmbassador } from './triage.repository';

const MAX_SCHEDULE_AHEAD_MS = 180 * 24 * 3600 * 1000;

interface Own {
  me: TriageAmbassador;
  request: ChatRequestRecord;
}

/**
 * The ambassador's side of a request (PRODUCT.md §3): accept, decline, forward, report, schedule,
 * cancel, complete, no-show, feedback and introductions, plus the one-click e-mail links. Every
 * command locks the request row, checks the state, moves it with a compare-and-set that writes
 * the history row, and records its mails in the same transaction. Someone else's request, or one
 * of another organization, is the same 404 as an unknown one.
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly triage: TriageRepository,
    private readonly capacity: CapacityPort,
    private readonly delivery: DeliveryService,
    private readonly mails: TriageMails,
    private readonly links: TriageLinks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** My accepted and scheduled chats (the inbox has the delivered ones), soonest first. */
  async myChats(
    actor: Actor,
    query: { status?: MyChatStatus; limit?: number; cursor?: string },
  ): Promise<Page<ChatDetailDto>> {
    assertAnyRole(actor, 'ambassador');
    const limit = query.limit ?? 20;
    const after = query.cursor === undefined ? null : decodeTimeCursor(query.cursor);
    if (actor.kind !== 'user') return { items: [], nextCursor: null };
    const em = this.dataSource.manager;
    const me = await this.triage.ambassadorOfUser(em, actor.organizationId, actor.id);
    if (!me) return { items: [], nextCursor: null };
    const rows = await this.triage.chatsOf(
      em,
      actor.organizationId,
      me.id,
      query.status ? [query.status] : MY_CHAT_STATUSES,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.request.id }));
    return {
      items: page.items.map((r) => toChatDetail(r.request, [])),
      nextCursor: page.nextCursor,
    };
  }

  async detail(actor: Actor, id: string): Promise<ChatDetailDto> {
    const em = this.dataSource.manager;
    const { request } = await this.own(em, actor, id, false);
    const feedback = await this.triage.feedback(em, request.organizationId, request.id);
    return toChatDetail(request, feedback);
  }

  accept(actor: Actor, id: string): Promise<ChatRequestStateDto> {
    return this.command(actor, id, ({ me, request }, tx) =>
      this.doAccept(tx, request, me, byUser(me)),
    );
  }

  decline(actor: Actor, id: string, dto: DeclineChatRequestDto): Promise<ChatRequestStateDto> {
    if (dto.reasonTemplate === 'other' && !dto.note?.trim()) {
      throw new ValidationFailedError('Please add a note when you choose "other".', {
        fields: { note: ['required when reasonTemplate is "other"'] },
      });
    }
    return this.command(actor, id, ({ me, request }, tx) =>
      this.doDecline(tx, request, me, byUser(me), dto.reasonTemplate, dto.note?.trim() ?? null),
    );
  }

  forward(actor: Actor, id: string, dto: ForwardChatRequestDto): Promise<ChatRequestStateDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'delivered') throw illegalTransition(request.status, 'forward it');
      const target = await this.colleague(tx, me, request.organizationId, dto.toAmbassadorId);
      const note = dto.note?.trim() ?? null;
      const moved = await this.delivery.moveToAmbassador(
        tx,
        request,
        target,
        byUser(me),
        'forwarded',
        { by: me.displayName, note },
      );
      if (!moved) throw chatRequestsErrors.error('AMBASSADOR_FULL');
      await this.mails.forwarded(tx, request, me, target, note);
      return state(request, 'delivered', 'forwarded');
    });
  }

  /**
   * Abuse: the sender's address is blocked organization-wide at once (pending HR's review), the
   * request ends, the slot is freed, and the text becomes an `abusive` label for the classifier.
   */
  report(actor: Actor, id: string, dto: ReportChatRequestDto): Promise<ChatRequestStateDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (!['delivered', 'accepted', 'scheduled'].includes(request.status)) {
        throw illegalTransition(request.status, 'report it');
      }
      const to: ChatRequestStatus = request.status === 'delivered' ? 'declined' : 'cancelled';
      const reason = dto.reason?.trim() || null;
      await this.move(tx, request, to, byUser(me), 'reported_abuse', {
        statusReason: 'reported_abuse',
        ...(to === 'cancelled' ? { finished: true as const } : {}),
      });
      await this.releaseSlot(tx, request);
      await this.requests.insertBlock(tx, request.organizationId, {
        kind: 'email',
        value: request.requesterEmail,
        source: 'abuse_report',
        sourceRequestId: request.id,
        createdBy: me.userId,
      });
      await this.requests.insertLabel(tx, request.organizationId, {
        requestId: request.id,
        text: requestText(request),
        label: 'abusive',
        source: 'ambassador',
        decidedBy: me.userId,
        note: reason,
      });
      await this.audit.record(tx, {
        organizationId: request.organizationId,
        actor,
        action: 'chat_request.reported',
        targetType: 'chat_request',
        targetId: request.id,
        before: { status: request.status },
        after: { status: to, block: 'email', blockStatus: 'pending_review' },
      });
      if (request.status === 'scheduled') {
        const parties = await this.parties(tx, request, me);
        await this.mails.cancelledByAmbassador(tx, parties, slotOf(request), null, parties.slug);
      }
      return state(request, to, 'reported_abuse');
    });
  }

  schedule(actor: Actor, id: string, dto: ScheduleChatDto): Promise<ChatRequestStateDto> {
    const startsAt = new Date(dto.startsAt);
    const now = this.clock.now();
    if (Number.isNaN(startsAt.getTime()) || startsAt.getTime() <= now.getTime()) {
      throw chatRequestsErrors.error('SLOT_NOT_IN_FUTURE', { startsAt: dto.startsAt });
    }
    if (startsAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
      throw chatRequestsErrors.error('SLOT_TOO_FAR', { startsAt: dto.startsAt });
    }
    const meetingUrl = dto.meetingUrl ?? null;
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'accepted' && request.status !== 'scheduled') {
        throw illegalTransition(request.status, 'schedule it');
      }
      const rescheduled = request.status === 'scheduled';
      if (
        rescheduled &&
        request.startsAt?.getTime() === startsAt.getTime() &&
        request.durationMinutes === dto.durationMinutes &&
        request.meetingUrl === meetingUrl
      ) {
        // The same slot again (a double click, a retry): nothing changes, nothing is sent.
        return state(request, 'scheduled', request.statusReason);
      }
      await this.move(
        tx,
        request,
        'scheduled',
        byUser(me),
        rescheduled ? 'rescheduled' : 'scheduled',
        {
          statusReason: rescheduled ? 'rescheduled' : null,
          slot: {
            startsAt,
            durationMinutes: dto.durationMinutes,
            meetingUrl,
            bumpSequence: rescheduled,
          },
        },
      );
      const slot: ChatSlot = {
        startsAt,
        durationMinutes: dto.durationMinutes,
        meetingUrl,
        sequence: rescheduled ? request.scheduleSequence + 1 : request.scheduleSequence,
      };
      await this.mails.scheduled(tx, await this.parties(tx, request, me), slot, rescheduled);
      return state(request, 'scheduled', rescheduled ? 'rescheduled' : null);
    });
  }

  cancel(actor: Actor, id: string, dto: CancelChatDto): Promise<ChatRequestStateDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'accepted' && request.status !== 'scheduled') {
        throw illegalTransition(request.status, 'cancel it');
      }
      const reason = dto.reason?.trim() || null;
      await this.move(tx, request, 'cancelled', byUser(me), reason ?? 'cancelled_by_ambassador', {
        statusReason: 'cancelled_by_ambassador',
        finished: true,
      });
      await this.releaseSlot(tx, request);
      const parties = await this.parties(tx, request, me);
      await this.mails.cancelledByAmbassador(tx, parties, slotOf(request), reason, parties.slug);
      return state(request, 'cancelled', 'cancelled_by_ambassador');
    });
  }

  complete(actor: Actor, id: string): Promise<ChatRequestStateDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'scheduled') throw illegalTransition(request.status, 'complete it');
      this.assertStarted(request);
      await this.move(tx, request, 'completed', byUser(me), 'completed', { finished: true });
      await this.mails.completed(tx, await this.parties(tx, request, me));
      return state(request, 'completed', null);
    });
  }

  noShow(actor: Actor, id: string): Promise<ChatRequestStateDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'scheduled') {
        throw illegalTransition(request.status, 'mark it as a no-show');
      }
      this.assertStarted(request);
      await this.move(tx, request, 'no_show', byUser(me), 'no_show', {
        statusReason: 'requester_no_show',
        finished: true,
      });
      return state(request, 'no_show', 'requester_no_show');
    });
  }

  /** The ambassador's rating, note and outcome of a completed chat; once. */
  feedback(actor: Actor, id: string, dto: AmbassadorFeedbackDto): Promise<ChatDetailDto> {
    return this.command(actor, id, async ({ request }, tx) => {
      if (request.status !== 'completed') throw illegalTransition(request.status, 'rate it');
      const inserted = await this.triage.insertFeedback(tx, request.organizationId, request.id, {
        side: 'ambassador',
        rating: dto.rating,
        note: dto.note?.trim() || null,
      });
      if (
        !inserted ||
        !(await this.triage.setOutcome(tx, request.organizationId, request.id, dto.outcome))
      ) {
        throw chatRequestsErrors.error('ALREADY_RATED');
      }
      const feedback = await this.triage.feedback(tx, request.organizationId, request.id);
      return toChatDetail({ ...request, outcome: dto.outcome }, feedback);
    });
  }

  /**
   * "Who else should I talk to?": after a completed chat, a new request to a colleague, delivered
   * at once (no screening) but only if the colleague has a slot this week.
   */
  introduce(actor: Actor, id: string, dto: IntroduceRequesterDto): Promise<IntroductionResultDto> {
    return this.command(actor, id, async ({ me, request }, tx) => {
      if (request.status !== 'completed') {
        throw illegalTransition(request.status, 'introduce the requester to a colleague');
      }
      const target = await this.colleague(tx, me, request.organizationId, dto.toAmbassadorId);
      const note = dto.note?.trim() ?? null;
      const now = this.clock.now();
      const sla = serviceLevelFrom(now);
      const newId = await this.triage.insertIntroduction(tx, request, {
        toAmbassadorId: target.id,
        note,
        actor: byUser(me),
        // Never sent: the requester proved the address already; the column needs a unique value.
        verificationTokenHash: hashToken(newVerificationToken().token),
        respondBy: sla.respondBy,
        nextReminderAt: sla.nextReminderAt ?? sla.respondBy,
      });
      if (!(await this.capacity.reserve(tx, request.organizationId, target.id, now, newId))) {
        throw chatRequestsErrors.error('AMBASSADOR_FULL');
      }
      await this.triage.setCapacityReference(tx, request.organizationId, newId, newId);
      const introduced: ChatRequestRecord = {
        ...request,
        id: newId,
        ambassadorId: target.id,
        status: 'delivered',
      };
      await this.mails.delivered(tx, introduced, target, now, sla.respondBy, {
        by: me.displayName,
        note,
      });
      await this.mails.introduced(tx, request, newId, me, target, note);
      return { id: newId, status: 'delivered', ambassadorId: target.id };
    });
  }

  /**
   * The accept/decline link of the delivery e-mail: no login, bound to the request and the
   * ambassador it was sent to, single-use (accept and decline share one use), expiring. A used,
   * tampered, expired or superseded link changes nothing and says why.
   */
  /**
   * What a one-click link would do, without doing it: mail scanners and link previews fetch
   * every URL of a message, so opening the link (GET) only shows the question and the ambassador
   * confirms with a POST. Fails exactly as the action would (invalid, expired, used, superseded,
   * already answered), so the page can say so before anyone clicks.
   */
  async previewOneClick(token: string): Promise<TriageLinkResultDto> {
    const claims = this.linkClaims(token);
    const { request } = await this.linkTarget(this.dataSource.manager, claims, false);
    if (request.status !== 'delivered') {
      throw illegalTransition(
        request.status,
        claims.action === 'accept' ? 'accept it' : 'decline it',
      );
    }
    return {
      id: request.id,
      action: claims.action,
      status: request.status,
      message:
        claims.action === 'accept'
          ? `Accept ${request.requesterName}'s request for a peer chat? They will hear from you by e-mail.`
          : `Decline ${request.requesterName}'s request? They will receive a polite note; nothing about you is shared.`,
    };
  }

  async oneClick(token: string): Promise<TriageLinkResultDto> {
    const claims = this.linkClaims(token);
    return inTransaction(this.dataSource, async (tx) => {
      const { request, me } = await this.linkTarget(tx, claims, true);
      if (claims.action === 'accept') {
        const result = await this.doAccept(tx, request, me, byUser(me));
        return {
          id: result.id,
          action: 'accept',
          status: result.status,
          message: `You accepted ${request.requesterName}'s request. Propose a time from your inbox.`,
        };
      }
      const result = await this.doDecline(tx, request, me, byUser(me), ONE_CLICK_DECLINE, null);
      return {
        id: result.id,
        action: 'decline',
        status: result.status,
        message: `You declined ${request.requesterName}'s request; they received a polite note.`,
      };
    });
  }

  // ---- shared steps -------------------------------------------------------------------------

  /** The signed claims of a one-click link: tampered or expired links fail here. */
  private linkClaims(token: string): TriageLinkClaims {
    const check = this.links.verify(token, this.clock.now());
    if (!check.ok) {
      throw chatRequestsErrors.error(
        check.reason === 'expired' ? 'TRIAGE_LINK_EXPIRED' : 'TRIAGE_LINK_INVALID',
      );
    }
    return check.claims;
  }

  /**
   * The request and ambassador a link is bound to, failing as the link must: invalid (gone, or the
   * ambassador no longer active), used (its own or its sibling's single use), superseded (the
   * request moved to someone else). `use` spends the link (in the caller's transaction, with the
   * request row locked); without it the link is only looked at.
   */
  private async linkTarget(
    em: EntityManager,
    claims: TriageLinkClaims,
    use: boolean,
  ): Promise<{ request: ChatRequestRecord; me: TriageAmbassador }> {
    const request = await this.requests.findById(em, claims.organizationId, claims.requestId, {
      lock: use,
    });
    const me = await this.triage.ambassador(em, claims.organizationId, claims.ambassadorId);
    if (!request || !me?.active) throw chatRequestsErrors.error('TRIAGE_LINK_INVALID');
    const spent = use
      ? !(await this.triage.useLink(em, claims))
      : (await this.triage.linkUse(em, claims.linkId)) !== null;
    if (spent) throw chatRequestsErrors.error('TRIAGE_LINK_USED', { status: request.status });
    if (request.ambassadorId !== me.id) throw chatRequestsErrors.error('TRIAGE_LINK_SUPERSEDED');
    return { request, me };
  }

  /** A chat is completed, or missed, only once its time has come. */
  private assertStarted(request: ChatRequestRecord): void {
    if (request.startsAt !== null && request.startsAt.getTime() > this.clock.now().getTime()) {
      throw chatRequestsErrors.error('CHAT_NOT_STARTED', {
        startsAt: request.startsAt.toISOString(),
      });
    }
  }

  private async doAccept(
    tx: EntityManager,
    request: ChatRequestRecord,
    me: TriageAmbassador,
    by: HistoryActor,
  ): Promise<ChatRequestStateDto> {
    if (request.status !== 'delivered') throw illegalTransition(request.status, 'accept it');
    await this.move(tx, request, 'accepted', by, 'accepted', { accepted: true });
    await this.mails.accepted(tx, await this.parties(tx, request, me));
    return state(request, 'accepted', null);
  }

  private async doDecline(
    tx: EntityManager,
    request: ChatRequestRecord,
    me: TriageAmbassador,
    by: HistoryActor,
    template: DeclineTemplate,
    note: string | null,
  ): Promise<ChatRequestStateDto> {
    if (request.status !== 'delivered') throw illegalTransition(request.status, 'decline it');
    const statusReason = `declined:${template}`;
    await this.move(tx, request, 'declined', by, statusReason, { statusReason });
    await this.releaseSlot(tx, request);
    const parties = await this.parties(tx, request, me);
    await this.mails.declined(tx, parties, DECLINE_TEMPLATES[template], note, parties.slug);
    return state(request, 'declined', statusReason);
  }

  private async command<T>(
    actor: Actor,
    id: string,
    run: (own: Own, tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.dataSource, async (tx) =>
      run(await this.own(tx, actor, id, true), tx),
    );
  }

  /** The request, if it is addressed to the acting ambassador; else the 404 of an unknown one. */
  private async own(em: EntityManager, actor: Actor, id: string, lock: boolean): Promise<Own> {
    assertAnyRole(actor, 'ambassador');
    if (actor.kind !== 'user' || !isUuid(id)) throw new NotFoundError('chat request');
    const me = await this.triage.ambassadorOfUser(em, actor.organizationId, actor.id);
    if (!me) throw new NotFoundError('chat request');
    const request = await this.triage.findForAmbassador(
      em,
      actor.organizationId,
      id.toLowerCase(),
      me.id,
      { lock },
    );
    if (!request) throw new NotFoundError('chat request');
    return { me, request };
  }

  /** A colleague who can receive requests (not paused, active, same organization), not oneself. */
  private async colleague(
    em: EntityManager,
    me: TriageAmbassador,
    organizationId: string,
    ambassadorId: string,
  ) {
    if (ambassadorId.toLowerCase() === me.id) throw chatRequestsErrors.error('FORWARD_TO_SELF');
    const target = await this.requests.findAmbassador(
      em,
      organizationId,
      ambassadorId.toLowerCase(),
    );
    if (!target) throw new NotFoundError('ambassador');
    return target;
  }

  private async parties(
    em: EntityManager,
    request: ChatRequestRecord,
    me: TriageAmbassador,
  ): Promise<ChatParties & { slug: string }> {
    const org = await this.triage.organization(em, request.organizationId);
    if (!org) throw new Error('organization vanished inside its transaction');
    return { request, ambassador: me, organizationName: org.name, slug: org.slug };
  }

  private async releaseSlot(tx: EntityManager, request: ChatRequestRecord): Promise<void> {
    if (!HOLDS_CAPACITY.includes(request.status) || request.ambassadorId === null) return;
    await this.capacity.release(
      tx,
      request.organizationId,
      request.ambassadorId,
      request.capacityReference ?? request.id,
    );
  }

  private async move(
    tx: EntityManager,
    request: ChatRequestRecord,
    to: ChatRequestStatus,
    actor: HistoryActor,
    reason: string,
    changes: TransitionChanges,
  ): Promise<void> {
    const moved = await this.requests.transition(tx, request.organizationId, request.id, {
      from: request.status,
      to,
      actor,
      reason,
      changes,
    });
    // The row is locked, so this only happens if the state check above was wrong.
    if (!moved) throw illegalTransition(request.status, 'do this');
  }
}

function byUser(me: TriageAmbassador): HistoryActor {
  return { type: 'user', id: me.userId };
}

function state(
  request: ChatRequestRecord,
  status: ChatRequestStatus,
  statusReason: string | null,
): ChatRequestStateDto {
  return { ...toStateDto(request), status, statusReason };
}
