import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { CursorQueryDto, ErrorResponse } from '@peerline/http-kit';
import { ApiKeysService } from './api-keys.service';
import { CurrentActor } from './current-actor.decorator';
import { ApiKeyCreatedDto, ApiKeyPageDto, CreateApiKeyDto } from './dto/api-keys.dto';
import { Roles } from './roles.decorator';
import { uuidParam } from './uuid-param.pipe';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    return this.apiKeys.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CursorQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(actor, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('API key')) id: string,
  ): Promise<void> {
    return this.apiKeys.revoke(actor, id);
  }
}
