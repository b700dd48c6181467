import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { CursorQueryDto, ErrorResponse, type Page } from '@peerline/http-kit';
import { CurrentActor, Roles } from '@peerline/identity';
import {
  ChatRequestStateDto,
  InboxPageDto,
  ModerationQueuePageDto,
  type InboxItemDto,
  type ModerationQueueItemDto,
} from './dto/chat-request.dto';
import { ModerateChatRequestDto } from './dto/moderation.dto';
import { ScreeningSettingsViewDto, UpdateScreeningSettingsDto } from './dto/screening-settings.dto';
import { InboxService } from './inbox.service';
import { ModerationService } from './moderation.service';
import { ScreeningSettingsService } from './screening-settings.service';

@ApiTags('chat-requests')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller()
export class ChatRequestsController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly inboxes: InboxService,
    private readonly settings: ScreeningSettingsService,
  ) {}

  @Get('moderation/queue')
  @Roles('hr')
  @ApiOperation({ summary: 'Requests screening sent to review, and appeals; oldest first' })
  @ApiOkResponse({ type: ModerationQueuePageDto })
  queue(
    @CurrentActor() actor: Actor,
    @Query() query: CursorQueryDto,
  ): Promise<Page<ModerationQueueItemDto>> {
    return this.moderation.queue(actor, query);
  }

  @Post('chat-requests/:id/moderate')
  @Roles('hr')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pass (deliver) or reject a request in review' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION: not in review' })
  moderate(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ModerateChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    return this.moderation.moderate(actor, id, dto);
  }

  @Get('inbox')
  @Roles('ambassador')
  @ApiOperation({
    summary: 'My delivered requests, oldest first',
    description: "With the screening summary; never the requester's e-mail address.",
  })
  @ApiOkResponse({ type: InboxPageDto })
  inbox(@CurrentActor() actor: Actor, @Query() query: CursorQueryDto): Promise<Page<InboxItemDto>> {
    return this.inboxes.list(actor, query);
  }

  @Get('settings/screening')
  @Roles('hr', 'admin')
  @ApiOkResponse({ type: ScreeningSettingsViewDto })
  getSettings(@CurrentActor() actor: Actor): Promise<ScreeningSettingsViewDto> {
    return this.settings.get(actor);
  }

  @Put('settings/screening')
  @Roles('hr', 'admin')
  @ApiOperation({
    summary: 'Replace the screening overrides; left-out values use the defaults (audited)',
  })
  @ApiOkResponse({ type: ScreeningSettingsViewDto })
  putSettings(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateScreeningSettingsDto,
  ): Promise<ScreeningSettingsViewDto> {
    return this.settings.put(actor, dto);
  }
}
