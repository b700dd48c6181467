import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse, ValidationFailedError } from '@peerline/http-kit';
import { CurrentActor, Public, Roles } from '@peerline/identity';
import type { FastifyRequest } from 'fastify';
import {
  AtsEventDto,
  AtsHireDto,
  AtsHiresQueryDto,
  ConnectionCreatedDto,
  ConnectionDto,
  CreateConnectionDto,
  PushConfigDto,
  WebhookAckDto,
} from './dto/integration.dto';
import { IntegrationsService } from './integrations.service';

@ApiTags('integrations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Connect an ATS: a webhook URL and a secret (shown once)' })
  @ApiCreatedResponse({ type: ConnectionCreatedDto })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateConnectionDto,
  ): Promise<ConnectionCreatedDto> {
    return this.integrations.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'hr')
  @ApiOperation({ summary: 'Connections with their webhook health' })
  @ApiOkResponse({ type: [ConnectionDto] })
  list(@CurrentActor() actor: Actor): Promise<ConnectionDto[]> {
    return this.integrations.list(actor);
  }

  @Put(':id/push')
  @Roles('admin')
  @ApiOperation({
    summary: 'Push consented referrals to this ATS (Greenhouse, Ashby); the key is write-only',
  })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  configurePush(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: PushConfigDto,
  ): Promise<ConnectionDto> {
    return this.integrations.configurePush(actor, id, dto);
  }

  @Get(':id/hires')
  @Roles('admin', 'hr')
  @ApiOperation({
    summary: 'Hires the ATS reported, newest first, with whom it credited',
    description:
      '`mismatch=true` lists only the hires the ATS credits to someone other than the Peerline referrer (Greenhouse credited_to, Ashby creditedToUser): the referral keeps its credit and HR decides.',
  })
  @ApiOkResponse({ type: [AtsHireDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  hires(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: AtsHiresQueryDto,
  ): Promise<AtsHireDto[]> {
    return this.integrations.hires(actor, id, query.mismatch === 'true');
  }

  @Get(':id/events')
  @Roles('admin', 'hr')
  @ApiOperation({ summary: 'Received events, newest first, with their processing state' })
  @ApiOkResponse({ type: [AtsEventDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  events(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AtsEventDto[]> {
    return this.integrations.events(actor, id);
  }
}

@ApiTags('integrations')
@Public()
@Controller('integrations')
export class AtsWebhookController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post(':id/webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Inbound ATS webhook (vendor format and signature, INTEGRATIONS.md)',
    description:
      '401 on a missing or wrong signature (nothing stored); 200 on a replay (no second effect).',
  })
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'MALFORMED_BODY' })
  @ApiUnauthorizedResponse({
    type: ErrorResponse,
    description: 'SIGNATURE_MISSING, SIGNATURE_INVALID, EVENT_STALE',
  })
  @ApiNotFoundResponse({ type: ErrorResponse })
  receive(
    @Param('id') id: string,
    @Req() req: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAckDto> {
    if (!req.rawBody) {
      throw new ValidationFailedError('The webhook body must be JSON.', {
        fields: { body: ['missing'] },
      });
    }
    return this.integrations.receive(id, { headers: req.headers, rawBody: req.rawBody });
  }
}
