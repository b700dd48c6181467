import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse, NotFoundError } from '@peerline/http-kit';
import { CurrentActor } from '@peerline/identity';
import {
  NotificationDto,
  NotificationListQueryDto,
  NotificationPageDto,
  ReadAllResultDto,
  UnreadCountDto,
} from './dto/in-app-notifications.dto';
import { InAppNotificationsService } from './in-app-notifications.service';

const notificationId = new ParseUUIDPipe({
  exceptionFactory: () => new NotFoundError('notification'),
});

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: InAppNotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto, description: 'Newest first' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: NotificationListQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(actor) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResultDto })
  async readAll(@CurrentActor() actor: Actor): Promise<ReadAllResultDto> {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  read(
    @CurrentActor() actor: Actor,
    @Param('id', notificationId) id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
