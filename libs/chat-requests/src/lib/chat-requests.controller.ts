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
import { BlocksService } from './blocks.service';
import { BlockDto, BlockListQueryDto, BlockPageDto, ReviewBlockDto } from './dto/blocks.dto';
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
    private readonly blocks: BlocksService,
  ) {}

  @Get('moderation/blocks')
  @Roles('hr', 'admin')
  @ApiOperation({
    summary: 'Blocked senders; by default the ones an abuse report blocked, pending review',
  })
  @ApiOkResponse({ type: BlockPageDto })
  listBlocks(
    @CurrentActor() actor: Actor,
    @Query() query: BlockListQueryDto,
  ): Promise<Page<BlockDto>> {
    return this.blocks.list(actor, query);
  }

  @Post('moderation/blocks/:id/review')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm or lift a block an abuse report put in place (audited)' })
  @ApiOkResponse({ type: BlockDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION: already reviewed' })
  reviewBlock(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ReviewBlockDto,
  ): Promise<BlockDto> {
    return this.blocks.review(actor, id, dto);
  }

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
