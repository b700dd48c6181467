import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { NotFoundError, toPage, type Page } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { DataSource } from 'typeorm';
import { chatRequestsErrors } from './chat-requests.errors';
import type { BlockDto, BlockListQueryDto, ReviewBlockDto } from './dto/blocks.dto';
import { isUuid } from '@peerline/http-kit';
import { decodeQueueCursor } from './moderation.service';
import { BlocksRepository, type BlockRow } from './blocks.repository';
import { assertAnyRole } from './screening-settings.service';

const DEFAULT_LIMIT = 20;

function toDto(b: BlockRow): BlockDto {
  return {
    id: b.id,
    kind: b.kind,
    value: b.value,
    status: b.status,
    source: b.source,
    sourceRequestId: b.sourceRequestId,
    reportedBy: b.createdBy,
    reviewedBy: b.reviewedBy,
    reviewedAt: b.reviewedAt ? b.reviewedAt.toISOString() : null,
    createdAt: b.createdAt.toISOString(),
  };
}

/**
 * HR's review of blocked senders. An ambassador's abuse report blocks the address at once
 * (`pending_review`); HR confirms it (`active`) or lifts it (`lifted`), audited.
 */
@Injectable()
export class BlocksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blocks: BlocksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: BlockListQueryDto): Promise<Page<BlockDto>> {
    assertAnyRole(actor, 'hr', 'admin');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeQueueCursor(query.cursor);
    const rows = await this.blocks.list(
      this.dataSource.manager,
      actor.organizationId,
      query.status ?? 'pending_review',
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async review(actor: Actor, id: string, dto: ReviewBlockDto): Promise<BlockDto> {
    assertAnyRole(actor, 'hr', 'admin');
    if (!isUuid(id)) throw new NotFoundError('block');
    return inTransaction(this.dataSource, async (tx) => {
      const block = await this.blocks.find(tx, actor.organizationId, id.toLowerCase(), true);
      if (!block) throw new NotFoundError('block');
      if (block.status !== 'pending_review') {
        throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: block.status });
      }
      const status = dto.decision === 'confirm' ? 'active' : 'lifted';
      const reviewedBy = actor.kind === 'user' ? actor.id : null;
      const updated = await this.blocks.review(
        tx,
        actor.organizationId,
        block.id,
        status,
        reviewedBy,
      );
      if (!updated) throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: block.status });
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'requester_block.reviewed',
        targetType: 'requester_block',
        targetId: block.id,
        before: { status: block.status },
        after: { status, note: dto.note },
      });
      return toDto(updated);
    });
  }
}
