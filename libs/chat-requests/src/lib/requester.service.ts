import { Injectable } from '@nestjs/common';
import { inTransaction } from '@peerline/db';
import { NotFoundError } from '@peerline/http-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityPort } from './capacity.port';
import { summaryOfResult, toStateDto, toStatusDto } from './chat-request.mappers';
import { canTransition, HOLDS_CAPACITY, type HistoryActor } from './chat-request.states';
import type { ChatRequestRecord } from './chat-request.types';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import type { ChatRequestStateDto, RequesterStatusDto } from './dto/chat-request.dto';
import type { AppealChatRequestDto, ResubmitChatRequestDto } from './dto/requester-actions.dto';
import type { RequesterFeedbackDto } from './dto/triage.dto';
import { isUuid } from '@peerline/http-kit';
import { RequesterTokens } from './requester-tokens.util';
import { ScreeningOrchestrator } from './screening-orchestrator.service';
import { TriageMails } from './triage-mails.service';
import { TriageRepository } from './triage.repository';
import { illegalTransition, slotOf } from './lifecycle';

const REQUESTER: HistoryActor = { type: 'requester' };

/**
 * What a requester does from the status page. They have no account: the status token (from the
 * e-mails) is the credential, and a wrong token is the same 404 as an unknown request.
 */
@Injectable()
export class RequesterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly tokens: RequesterTokens,
    private readonly capacity: CapacityPort,
    private readonly orchestrator: ScreeningOrchestrator,
    private readonly triage: TriageRepository,
    private readonly mails: TriageMails,
  ) {}

  async status(id: string, token: string): Promise<RequesterStatusDto> {
    const em = this.dataSource.manager;
    const request = await this.load(em, id, token, false);
    const ambassador = request.ambassadorId
      ? await this.requests.findAmbassador(em, request.organizationId, request.ambassadorId)
      : null;
    const history = await this.requests.history(em, request.organizationId, request.id);
    const feedback = await this.triage.feedback(em, request.organizationId, request.id);
    return toStatusDto(
      request,
      ambassador?.displayName ?? null,
      history,
      feedback.some((f) => f.side === 'requester'),
    );
  }

  /** The requester's rating of a completed chat (1–5, optional note); once. */
  async feedback(id: string, dto: RequesterFeedbackDto): Promise<RequesterStatusDto> {
    await inTransaction(this.dataSource, async (tx) => {
      const request = await this.load(tx, id, dto.token, true);
      if (request.status !== 'completed') throw illegalTransition(request.status, 'rate it');
      const inserted = await this.triage.insertFeedback(tx, request.organizationId, request.id, {
        side: 'requester',
        rating: dto.rating,
        note: dto.note?.trim() || null,
      });
      if (!inserted) throw chatRequestsErrors.error('ALREADY_RATED');
    });
    return this.status(id, dto.token);
  }

  /** Withdrawing a delivered (or accepted, scheduled) request gives the ambassador's slot back. */
  async withdraw(id: string, token: string): Promise<ChatRequestStateDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const request = await this.load(tx, id, token, true);
      if (!canTransition(request.status, 'withdrawn')) {
        throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
      }
      await this.move(tx, request, {
        to: 'withdrawn',
        reason: 'withdrawn_by_requester',
        changes: { statusReason: 'withdrawn_by_requester' },
      });
      if (HOLDS_CAPACITY.includes(request.status) && request.ambassadorId !== null) {
        await this.capacity.release(
          tx,
          request.organizationId,
          request.ambassadorId,
          request.capacityReference ?? request.id,
        );
        // The ambassador had it in their inbox or calendar: tell them (and cancel the invite).
        const ambassador = await this.triage.ambassador(
          tx,
          request.organizationId,
          request.ambassadorId,
        );
        const org = await this.triage.organization(tx, request.organizationId);
        if (ambassador && org) {
          await this.mails.withdrawn(
            tx,
            { request, ambassador, organizationName: org.name },
            slotOf(request),
          );
        }
      }
      return {
        ...toStateDto(request),
        status: 'withdrawn',
        statusReason: 'withdrawn_by_requester',
      };
    });
  }

  /** Once, after a rejection: the edited text is screened again at once (the e-mail is proven). */
  async resubmit(id: string, dto: ResubmitChatRequestDto): Promise<ChatRequestStateDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const request = await this.load(tx, id, dto.token, true);
      if (request.resubmitCount >= 1) throw chatRequestsErrors.error('RESUBMIT_LIMIT_REACHED');
      if (request.status !== 'rejected') {
        throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
      }
      const text = {
        ask: dto.ask,
        valueProposition: dto.valueProposition,
        topics: dto.topics ? [...new Set(dto.topics.map((t) => t.trim()))] : request.topics,
        links: dto.links ?? request.links,
      };
      await this.move(tx, request, {
        to: 'screening',
        reason: 'resubmitted',
        changes: { text, resubmitCount: 1 },
      });
      const screened = await this.orchestrator.screenAndRoute(
        tx,
        { ...request, ...text, status: 'screening', resubmitCount: 1 },
        REQUESTER,
        'resubmit',
      );
      return {
        id: screened.id,
        status: screened.status,
        statusReason: screened.statusReason,
        screening: summaryOfResult(screened.screening),
      };
    });
  }

  /** Once, after a rejection: a person in HR looks at it (the moderation queue). */
  async appeal(id: string, dto: AppealChatRequestDto): Promise<ChatRequestStateDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const request = await this.load(tx, id, dto.token, true);
      if (request.appealedAt !== null) throw chatRequestsErrors.error('APPEAL_LIMIT_REACHED');
      if (request.status !== 'rejected') {
        throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
      }
      const note = dto.note?.trim() ? dto.note.trim() : null;
      await this.move(tx, request, {
        to: 'review',
        reason: 'appealed',
        changes: { appealed: { note }, statusReason: 'appealed' },
      });
      return { ...toStateDto(request), status: 'review', statusReason: 'appealed' };
    });
  }

  private async load(
    em: EntityManager,
    id: string,
    token: string,
    lock: boolean,
  ): Promise<ChatRequestRecord> {
    // The token is checked before any query: a guessed id with a wrong token costs nothing.
    if (!isUuid(id) || !this.tokens.isStatusToken(id.toLowerCase(), token)) {
      throw new NotFoundError('chat request');
    }
    const requestId = id.toLowerCase();
    const organizationId = await this.requests.findOrganizationOf(em, requestId);
    const request = organizationId
      ? await this.requests.findById(em, organizationId, requestId, { lock })
      : null;
    if (!request) throw new NotFoundError('chat request');
    return request;
  }

  private async move(
    tx: EntityManager,
    request: ChatRequestRecord,
    t: {
      to: ChatRequestRecord['status'];
      reason: string;
      changes: Parameters<ChatRequestsRepository['transition']>[3]['changes'];
    },
  ): Promise<void> {
    const moved = await this.requests.transition(tx, request.organizationId, request.id, {
      from: request.status,
      to: t.to,
      actor: REQUESTER,
      reason: t.reason,
      changes: t.changes,
    });
    if (!moved) throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
  }
}
