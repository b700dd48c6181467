import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@peerline/contracts';
import { decodeCursor, NotFoundError, toPage } from '@peerline/http-kit';
import type {
  NotificationDto,
  NotificationListQueryDto,
  NotificationPageDto,
} from './dto/in-app-notifications.dto';
import {
  InAppNotificationsRepository,
  type InAppNotificationRow,
} from './in-app-notifications.repository';
import { notificationsErrors } from './notifications.errors';

const DEFAULT_LIMIT = 20;

export function requireUserActor(actor: Actor): string {
  if (actor.kind !== 'user') throw notificationsErrors.error('NOT_A_USER');
  return actor.id;
}

function toDto(row: InAppNotificationRow): NotificationDto {
  return {
    id: row.id,
    template: row.template,
    title: row.title,
    body: row.body,
    url: row.url,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The signed-in user's own in-app notifications; anyone else's answer 404. */
@Injectable()
export class InAppNotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: InAppNotificationsRepository,
  ) {}

  async list(actor: Actor, query: NotificationListQueryDto): Promise<NotificationPageDto> {
    const userId = requireUserActor(actor);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor ? decodeCursor(query.cursor, ['t', 'id'] as const) : null;
    const rows = await this.notifications.list(
      this.dataSource.manager,
      actor.organizationId,
      userId,
      limit + 1,
      after ? { createdAt: after.t, id: after.id } : null,
      query.unread === true,
    );
    const page = toPage(rows, limit, (last) => ({ t: last.cursorTime, id: last.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const userId = requireUserActor(actor);
    return this.notifications.countUnread(this.dataSource.manager, actor.organizationId, userId);
  }

  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const userId = requireUserActor(actor);
    const row = await this.notifications.markRead(
      this.dataSource.manager,
      actor.organizationId,
      userId,
      id,
    );
    if (!row) throw new NotFoundError('notification');
    return toDto(row);
  }

  async markAllRead(actor: Actor): Promise<number> {
    const userId = requireUserActor(actor);
    return this.notifications.markAllRead(this.dataSource.manager, actor.organizationId, userId);
  }
}
