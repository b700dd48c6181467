import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { CursorQueryDto, ErrorResponse, type Page } from '@peerline/http-kit';
import { CurrentActor, Public, Roles } from '@peerline/identity';
import { ConsentThrottlerGuard } from './consent-throttler.guard';
import { DisputesService } from './disputes.service';
import {
  CreateJobDto,
  JobDto,
  JobListQueryDto,
  JobPageDto,
  ReferralSettingsDto,
  UpdateJobStatusDto,
} from './dto/job.dto';
import {
  ConsentDecisionDto,
  ConsentResultDto,
  CreateReferralDto,
  DisputeDto,
  OpenDisputeDto,
  ReferralCreatedDto,
  ReferralDto,
  ReferralPageDto,
  ResolveDisputeDto,
} from './dto/referral.dto';
import { JobsService } from './jobs.service';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller()
export class ReferralsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly referrals: ReferralsService,
    private readonly disputes: DisputesService,
  ) {}

  @Get('jobs')
  @ApiOperation({ summary: "The organization's jobs (open ones can be referred to)" })
  @ApiOkResponse({ type: JobPageDto })
  listJobs(@CurrentActor() actor: Actor, @Query() query: JobListQueryDto): Promise<Page<JobDto>> {
    return this.jobs.list(actor, query);
  }

  @Post('jobs')
  @Roles('hr', 'admin')
  @ApiCreatedResponse({ type: JobDto })
  createJob(@CurrentActor() actor: Actor, @Body() dto: CreateJobDto): Promise<JobDto> {
    return this.jobs.create(actor, dto);
  }

  @Patch('jobs/:id')
  @Roles('hr', 'admin')
  @ApiOperation({ summary: 'Open or close a job' })
  @ApiOkResponse({ type: JobDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  setJobStatus(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateJobStatusDto,
  ): Promise<JobDto> {
    return this.jobs.setStatus(actor, id, dto);
  }

  @Post('referrals')
  @Roles('employee', 'ambassador')
  @ApiOperation({
    summary: 'Refer a candidate for an open job; the candidate is asked to consent by e-mail',
  })
  @ApiCreatedResponse({ type: ReferralCreatedDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown job' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'JOB_NOT_OPEN' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralCreatedDto> {
    return this.referrals.create(actor, dto);
  }

  @Get('referrals')
  @ApiOperation({ summary: 'My referrals (HR: all of the organization), newest first' })
  @ApiOkResponse({ type: ReferralPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CursorQueryDto): Promise<Page<ReferralDto>> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @ApiOperation({ summary: 'One referral with its credit decision, timeline and disputes' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReferralDto> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/disputes')
  @ApiOperation({ summary: 'Dispute the credit decision of my duplicate or ineligible referral' })
  @ApiCreatedResponse({ type: DisputeDto })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'DISPUTE_NOT_ALLOWED, DISPUTE_ALREADY_OPEN',
  })
  openDispute(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: OpenDisputeDto,
  ): Promise<DisputeDto> {
    return this.disputes.open(actor, id, dto);
  }

  @Get('disputes')
  @Roles('hr', 'admin')
  @ApiOperation({ summary: 'Open disputes, oldest first' })
  @ApiOkResponse({ type: [DisputeDto] })
  openDisputes(@CurrentActor() actor: Actor): Promise<DisputeDto[]> {
    return this.disputes.listOpen(actor);
  }

  @Post('disputes/:id/resolve')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Uphold or overturn (credit moves in one transaction); audited' })
  @ApiOkResponse({ type: DisputeDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DISPUTE_RESOLVED' })
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ResolveDisputeDto,
  ): Promise<DisputeDto> {
    return this.disputes.resolve(actor, id, dto);
  }

  @Get('settings/referrals')
  @Roles('hr', 'admin')
  @ApiOkResponse({ type: ReferralSettingsDto })
  getSettings(@CurrentActor() actor: Actor): Promise<ReferralSettingsDto> {
    return this.jobs.getSettings(actor);
  }

  @Put('settings/referrals')
  @Roles('hr', 'admin')
  @ApiOperation({
    summary: 'Credit model, ownership and prior-applicant windows, excluded roles (audited)',
  })
  @ApiOkResponse({ type: ReferralSettingsDto })
  putSettings(
    @CurrentActor() actor: Actor,
    @Body() dto: ReferralSettingsDto,
  ): Promise<ReferralSettingsDto> {
    return this.jobs.putSettings(actor, dto);
  }
}

@ApiTags('referrals')
@Public()
@Controller('public/referrals')
export class PublicReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('consent')
  @HttpCode(200)
  @UseGuards(ConsentThrottlerGuard)
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'RATE_LIMITED (per client address), with Retry-After',
  })
  @ApiOperation({
    summary: "The candidate's answer from the consent e-mail; accepting submits the referral",
  })
  @ApiOkResponse({ type: ConsentResultDto })
  @ApiGoneResponse({ type: ErrorResponse, description: 'CONSENT_TOKEN_USED, CONSENT_EXPIRED' })
  consent(@Body() dto: ConsentDecisionDto): Promise<ConsentResultDto> {
    return this.referrals.consent(dto);
  }
}
