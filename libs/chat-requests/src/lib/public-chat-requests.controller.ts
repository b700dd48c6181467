import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '@peerline/http-kit';
import { Public } from '@peerline/identity';
import { ChatRequestStateDto, RequesterStatusDto, VerifyResultDto } from './dto/chat-request.dto';
import { ChatRequestAcceptedDto, CreateChatRequestDto } from './dto/intake.dto';
import {
  AppealChatRequestDto,
  RequesterTokenDto,
  ResubmitChatRequestDto,
  StatusTokenQueryDto,
  VerifyChatRequestDto,
} from './dto/requester-actions.dto';
import { RequesterFeedbackDto } from './dto/triage.dto';
import { IntakeThrottlerGuard, PublicThrottlerGuard } from './intake-throttler.guard';
import { IntakeService } from './intake.service';
import { RequesterService } from './requester.service';

@ApiTags('chat-requests')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'VALIDATION_FAILED, MALFORMED_JSON' })
@ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'RATE_LIMITED, with Retry-After' })
@Public()
@Controller('public')
export class PublicChatRequestsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly requester: RequesterService,
  ) {}

  @Post('orgs/:slug/chat-requests')
  @UseGuards(IntakeThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask an ambassador (or the best match for a topic) for a peer chat',
    description:
      'Nothing is screened or delivered until the requester opens the verification link sent by e-mail (valid 48 h).',
  })
  @ApiAcceptedResponse({ type: ChatRequestAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown organization or ambassador' })
  submit(
    @Param('slug') slug: string,
    @Body() dto: CreateChatRequestDto,
    @Ip() ip: string,
  ): Promise<ChatRequestAcceptedDto> {
    return this.intake.submit(slug, dto, ip);
  }

  @Post('chat-requests/verify')
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the e-mail; the request is screened at once' })
  @ApiOkResponse({ type: VerifyResultDto })
  @ApiGoneResponse({
    type: ErrorResponse,
    description: 'VERIFICATION_TOKEN_USED, VERIFICATION_TOKEN_EXPIRED',
  })
  verify(@Body() dto: VerifyChatRequestDto): Promise<VerifyResultDto> {
    return this.intake.verify(dto.token);
  }

  @Get('chat-requests/:id')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: "The requester's status page" })
  @ApiOkResponse({ type: RequesterStatusDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown request or wrong token' })
  status(
    @Param('id') id: string,
    @Query() query: StatusTokenQueryDto,
  ): Promise<RequesterStatusDto> {
    return this.requester.status(id, query.token);
  }

  @Post('chat-requests/:id/withdraw')
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  withdraw(@Param('id') id: string, @Body() dto: RequesterTokenDto): Promise<ChatRequestStateDto> {
    return this.requester.withdraw(id, dto.token);
  }

  @Post('chat-requests/:id/resubmit')
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Edit and resubmit a rejected request (once); it is screened again' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'RESUBMIT_LIMIT_REACHED, ILLEGAL_TRANSITION',
  })
  resubmit(
    @Param('id') id: string,
    @Body() dto: ResubmitChatRequestDto,
  ): Promise<ChatRequestStateDto> {
    return this.requester.resubmit(id, dto);
  }

  @Post('chat-requests/:id/appeal')
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask HR to look at a rejected request (once)' })
  @ApiOkResponse({ type: ChatRequestStateDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'APPEAL_LIMIT_REACHED, ILLEGAL_TRANSITION',
  })
  appeal(@Param('id') id: string, @Body() dto: AppealChatRequestDto): Promise<ChatRequestStateDto> {
    return this.requester.appeal(id, dto);
  }

  @Post('chat-requests/:id/feedback')
  @UseGuards(PublicThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate a completed chat (1–5) with an optional note; once' })
  @ApiOkResponse({ type: RequesterStatusDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ALREADY_RATED, ILLEGAL_TRANSITION' })
  feedback(
    @Param('id') id: string,
    @Body() dto: RequesterFeedbackDto,
  ): Promise<RequesterStatusDto> {
    return this.requester.feedback(id, dto);
  }
}
