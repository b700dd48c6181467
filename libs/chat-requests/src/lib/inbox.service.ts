import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { toPage, type Page } from '@peerline/http-kit';
import { DataSource } from 'typeorm';
import { toInboxItem } from './chat-request.mappers';
import { ChatRequestsRepository } from './chat-requests.repository';
import type { InboxItemDto } from './dto/chat-request.dto';
import { decodeQueueCursor } from './moderation.service';
import { assertAnyRole } from './screening-settings.service';

const DEFAULT_LIMIT = 20;

/** An ambassador's delivered requests, oldest first. Only their own, whatever they ask for. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
  ) {}

  async list(
    actor: Actor,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<InboxItemDto>> {
    assertAnyRole(actor, 'ambassador');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeQueueCursor(query.cursor);
    // API keys are no person and hold no ambassador profile; someone without one has no inbox.
    const ambassador =
      actor.kind === 'user'
        ? await this.requests.findAmbassadorByUser(
            this.dataSource.manager,
            actor.organizationId,
            actor.id,
          )
        : null;
    if (!ambassador) return { items: [], nextCursor: null };
    const rows = await this.requests.inbox(
      this.dataSource.manager,
      actor.organizationId,
      ambassador.id,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.request.id }));
    return { items: page.items.map(toInboxItem), nextCursor: page.nextCursor };
  }
}
