import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse } from '@peerline/http-kit';
import { CurrentActor, Roles } from '@peerline/identity';
import type { FastifyReply } from 'fastify';
import {
  BatchDto,
  CancelPayoutDto,
  ForecastQueryDto,
  LedgerQueryDto,
  PayoutDto,
  PayoutListQueryDto,
  PolicyDto,
} from './dto/payouts.dto';
import { PayoutsService } from './payouts.service';

@ApiTags('payouts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller()
export class PayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @Get('bonus-policies')
  @Roles('hr', 'admin')
  @ApiOperation({ summary: 'Policy versions, newest first' })
  @ApiOkResponse({ type: [PolicyDto] })
  policies(@CurrentActor() actor: Actor): Promise<PolicyDto[]> {
    return this.payouts.listPolicies(actor);
  }

  @Post('bonus-policies')
  @Roles('hr', 'admin')
  @ApiOperation({
    summary: 'A new policy version (amounts by referral type × department × level, tranches)',
    description:
      'Body: { defaultAmount: { amountMinor, currency }, rules: [{ referralType?, department?, level?, amount }], tranches: [{ percent, daysAfterStart }] (sum 100), conditions: { referrerEmployed, hireEmployed }, capPerReferrerPerYear?, approvalThreshold? }',
  })
  @ApiCreatedResponse({ type: PolicyDto })
  createPolicy(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<PolicyDto> {
    return this.payouts.createPolicy(actor, body);
  }

  @Get('payouts')
  @ApiOperation({ summary: 'Tranche payouts (HR: all; referrers: their own)' })
  @ApiOkResponse({ type: [PayoutDto] })
  list(@CurrentActor() actor: Actor, @Query() query: PayoutListQueryDto): Promise<PayoutDto[]> {
    return this.payouts.list(actor, query);
  }

  @Post('payouts/:id/approve')
  @Roles('hr')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Approve an eligible tranche; four eyes above the threshold' })
  @ApiOkResponse({ type: PayoutDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'ILLEGAL_TRANSITION, FOUR_EYES_SAME_APPROVER, IDEMPOTENCY_KEY_REUSED',
  })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<PayoutDto> {
    return this.payouts.approve(actor, id, key);
  }

  @Post('payouts/:id/cancel')
  @Roles('hr')
  @HttpCode(200)
  @ApiOkResponse({ type: PayoutDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ILLEGAL_TRANSITION' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CancelPayoutDto,
  ): Promise<PayoutDto> {
    return this.payouts.cancel(actor, id, dto.reason);
  }

  @Post('payroll-batches')
  @Roles('hr')
  @ApiOperation({ summary: 'Collect every approved tranche into a payroll batch' })
  @ApiCreatedResponse({ type: BatchDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'NOTHING_TO_EXPORT' })
  createBatch(@CurrentActor() actor: Actor): Promise<BatchDto> {
    return this.payouts.createBatch(actor);
  }

  @Get('payroll-batches/:id.csv')
  @Roles('hr')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The batch as CSV for payroll' })
  async csv(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.payouts.csv(actor, id);
    reply.type('text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="payroll-${id}.csv"`);
    return body;
  }

  @Post('payroll-batches/:id/mark-paid')
  @Roles('hr')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the payment (ledger); idempotent' })
  @ApiOkResponse({ type: BatchDto })
  markPaid(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<BatchDto> {
    return this.payouts.markPaid(actor, id);
  }

  @Get('ledger')
  @Roles('hr')
  @ApiOperation({ summary: 'Append-only ledger entries and per-account balances' })
  ledger(@CurrentActor() actor: Actor, @Query() query: LedgerQueryDto) {
    return this.payouts.ledger(actor, query);
  }

  @Get('bonus-forecast')
  @Roles('hr')
  @ApiOperation({ summary: 'Scheduled (unpaid) bonus amounts per month ahead, per currency' })
  forecast(@CurrentActor() actor: Actor, @Query() query: ForecastQueryDto) {
    return this.payouts.forecast(actor, query.months ?? 6);
  }
}
