import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { ErrorResponse, type Page } from '@peerline/http-kit';
import { CurrentActor, Roles } from '@peerline/identity';
import { ChatRequestStateDto } from './dto/chat-request.dto';
import {
  AmbassadorFeedbackDto,
  CancelChatDto,
  ChatDetailDto,
  DeclineChatRequestDto,
  ForwardChatRequestDto,
  IntroduceRequesterDto,
  IntroductionResultDto,
  MyChatsPageDto,
  MyChatsQueryDto,
  ReportChatRequestDto,
  ScheduleChatDto,
} from './dto/triage.dto';
import { TriageService } from './triage.service';

/** The ambassador's commands on requests addressed to them; anyone else's answer 404. */
@ApiTags('triage')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown, or not addressed to you' })
@Roles('ambassador')
@Controller('chat-requests')
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Get()
  @Roles('ambassador')
  @ApiOperation({
    summary: 'My accepted and scheduled chats, soonest first',
    description:
      'Scheduled chats by start time, accepted ones (no time yet) by when they were accepted. The inbox (GET /inbox) has the delivered requests still to answer.',
  })
  @ApiOkResponse({ type: MyChatsPageDto })
  mine(
    @CurrentActor() actor: Actor,
    @Query() query: MyChatsQueryDto,
  ): Promise<Page<ChatDetailDto>> {
    return this.triage.myChats(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my requests, with its slot, outcome and ratings' })
  @ApiOkResponse({ type: ChatDetailDto })
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ChatDetailDto> {
    return this.triage.detail(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a delivered request; the requester is told' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  accept(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ChatRequestStateDto> {
    return this.triage.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline with a reason template; its polite text goes to the requester',
  })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: DeclineChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    return this.triage.decline(actor, id, dto);
  }

  @Post(':id/forward')
  @HttpCode(200)
  @ApiOperation({ summary: "Forward to a colleague; the colleague's weekly slot is reserved" })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'AMBASSADOR_FULL, ILLEGAL_TRANSITION' })
  forward(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ForwardChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    return this.triage.forward(actor, id, dto);
  }

  @Post(':id/report')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report abuse: ends the request and blocks the sender org-wide pending HR review',
  })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  report(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ReportChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    return this.triage.report(actor, id, dto);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set or move the slot; both sides get an iCalendar invite (same UID on updates)',
  })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ScheduleChatDto,
  ): Promise<ChatRequestStateDto> {
    return this.triage.schedule(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an accepted or scheduled chat; the invite is withdrawn' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CancelChatDto,
  ): Promise<ChatRequestStateDto> {
    return this.triage.cancel(actor, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'The chat took place; the requester is asked for a rating' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION (not scheduled)' })
  complete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ChatRequestStateDto> {
    return this.triage.complete(actor, id);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @ApiOperation({ summary: 'The requester did not come' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION (not scheduled)' })
  noShow(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ChatRequestStateDto> {
    return this.triage.noShow(actor, id);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate a completed chat (1–5) and record its outcome; once' })
  @ApiOkResponse({ type: ChatDetailDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ALREADY_RATED, ILLEGAL_TRANSITION' })
  feedback(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: AmbassadorFeedbackDto,
  ): Promise<ChatDetailDto> {
    return this.triage.feedback(actor, id, dto);
  }

  @Post(':id/introduce')
  @HttpCode(201)
  @ApiOperation({
    summary:
      '"Who else should I talk to?": a new request to a colleague, delivered without screening',
  })
  @ApiOkResponse({ type: IntroductionResultDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'AMBASSADOR_FULL, ILLEGAL_TRANSITION' })
  introduce(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: IntroduceRequesterDto,
  ): Promise<IntroductionResultDto> {
    return this.triage.introduce(actor, id, dto);
  }
}
