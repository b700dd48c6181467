import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { decodeTimeCursor, NotFoundError, toPage, type Page } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { requestText } from '@peerline/screening';
import { DataSource } from 'typeorm';
import { summaryOf, toQueueItem } from './chat-request.mappers';
import type { HistoryActor } from './chat-request.states';
import type { QueueCursor } from './chat-request.types';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DeliveryService } from './delivery.service';
import type { ChatRequestStateDto, ModerationQueueItemDto } from './dto/chat-request.dto';
import type { ModerateChatRequestDto } from './dto/moderation.dto';
import { isUuid } from '@peerline/http-kit';
import { RequesterMails } from './requester-mails.service';
import { assertAnyRole } from './screening-settings.service';

const DEFAULT_LIMIT = 20;
/** The moderation queue, inbox and block lists page by (timestamp, id). */
export const decodeQueueCursor = (cursor: string): QueueCursor => decodeTimeCursor(cursor);

export function historyActorOf(actor: Actor): HistoryActor {
  return { type: actor.kind, id: actor.id };
}

/** HR's moderation queue: requests screening sent to review, and appeals. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly delivery: DeliveryService,
    private readonly mails: RequesterMails,
    private readonly audit: AuditService,
  ) {}

  async queue(
    actor: Actor,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<ModerationQueueItemDto>> {
    assertAnyRole(actor, 'hr');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeQueueCursor(query.cursor);
    const rows = await this.requests.moderationQueue(
      this.dataSource.manager,
      actor.organizationId,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.request.id }));
    return { items: page.items.map(toQueueItem), nextCursor: page.nextCursor };
  }

  /**
   * pass → delivery (a slot, routing with consent, or waiting); reject → back to the requester with
   * the note. Either way the decision becomes a label for the organization's classifier.
   */
  async moderate(
    actor: Actor,
    id: string,
    dto: ModerateChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    assertAnyRole(actor, 'hr');
    if (!isUuid(id)) throw new NotFoundError('chat request');
    return inTransaction(this.dataSource, async (tx) => {
      const request = await this.requests.findById(tx, actor.organizationId, id.toLowerCase(), {
        lock: true,
      });
      if (!request) throw new NotFoundError('chat request');
      if (request.status !== 'review') {
        throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
      }
      const note = dto.note.trim();
      const by = historyActorOf(actor);
      await this.requests.insertLabel(tx, actor.organizationId, {
        requestId: request.id,
        text: requestText(request),
        label: dto.decision === 'pass' ? 'legitimate' : 'spam',
        source: request.appealedAt !== null ? 'hr_appeal' : 'hr_moderation',
        decidedBy: actor.kind === 'user' ? actor.id : null,
        note,
      });
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'chat_request.moderated',
        targetType: 'chat_request',
        targetId: request.id,
        before: { status: request.status },
        after: { decision: dto.decision, appeal: request.appealedAt !== null },
      });
      if (dto.decision === 'pass') {
        const outcome = await this.delivery.deliver(tx, request, 'review', by, 'moderation_passed');
        return {
          id: request.id,
          status: outcome.status,
          statusReason: outcome.statusReason,
          screening: summaryOf(request),
        };
      }
      const moved = await this.requests.transition(tx, actor.organizationId, request.id, {
        from: 'review',
        to: 'rejected',
        actor: by,
        reason: 'moderation_rejected',
        changes: { statusReason: 'moderation_rejected' },
      });
      if (!moved) throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
      await this.mails.queueRejection(
        tx,
        request,
        request.appealedAt !== null ? 'appeal' : `moderation-${request.resubmitCount}`,
        note,
      );
      return {
        id: request.id,
        status: 'rejected',
        statusReason: 'moderation_rejected',
        screening: summaryOf(request),
      };
    });
  }
}
