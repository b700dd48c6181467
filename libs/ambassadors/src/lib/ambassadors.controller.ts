import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { CursorQueryDto, ErrorResponse } from '@peerline/http-kit';
import { CurrentActor, Roles } from '@peerline/identity';
import { AmbassadorsService } from './ambassadors.service';
import {
  AmbassadorProfileDto,
  AmbassadorProfilePageDto,
  AmbassadorSettingsUpdatedDto,
  AmbassadorSettingsViewDto,
} from './dto/ambassador.dto';
import { AmbassadorSettingsDto, UpdateAvailabilityDto } from './dto/availability.dto';
import { UpsertProfileDto } from './dto/profile.dto';

@ApiTags('ambassadors')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('ambassadors')
export class AmbassadorsController {
  constructor(private readonly ambassadors: AmbassadorsService) {}

  @Get('me')
  @Roles('ambassador')
  @ApiOkResponse({ type: AmbassadorProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No profile yet' })
  me(@CurrentActor() actor: Actor): Promise<AmbassadorProfileDto> {
    return this.ambassadors.getOwnProfile(actor);
  }

  @Put('me')
  @Roles('ambassador')
  @ApiOperation({ summary: 'Create or replace my profile' })
  @ApiOkResponse({ type: AmbassadorProfileDto })
  putMe(
    @CurrentActor() actor: Actor,
    @Body() dto: UpsertProfileDto,
  ): Promise<AmbassadorProfileDto> {
    return this.ambassadors.upsertOwnProfile(actor, dto);
  }

  @Put('me/availability')
  @Roles('ambassador')
  @ApiOkResponse({ type: AmbassadorProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No profile yet' })
  putMyAvailability(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateAvailabilityDto,
  ): Promise<AmbassadorProfileDto> {
    return this.ambassadors.updateOwnAvailability(actor, dto);
  }

  @Get()
  @Roles('hr')
  @ApiOperation({ summary: 'Every profile of the organization, paused ones too' })
  @ApiOkResponse({ type: AmbassadorProfilePageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: CursorQueryDto,
  ): Promise<AmbassadorProfilePageDto> {
    return this.ambassadors.listProfiles(actor, query);
  }

  @Get(':id')
  @Roles('hr', 'ambassador')
  @ApiOperation({ summary: 'A profile: HR for the organization, an ambassador only their own' })
  @ApiOkResponse({ type: AmbassadorProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AmbassadorProfileDto> {
    return this.ambassadors.getProfile(actor, id);
  }

  @Put(':id')
  @Roles('hr', 'ambassador')
  @ApiOkResponse({ type: AmbassadorProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  put(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpsertProfileDto,
  ): Promise<AmbassadorProfileDto> {
    return this.ambassadors.updateProfile(actor, id, dto);
  }

  @Put(':id/availability')
  @Roles('hr', 'ambassador')
  @ApiOkResponse({ type: AmbassadorProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  putAvailability(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAvailabilityDto,
  ): Promise<AmbassadorProfileDto> {
    return this.ambassadors.updateAvailability(actor, id, dto);
  }
}

@ApiTags('ambassadors')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Roles('hr', 'admin')
@Controller('settings/ambassadors')
export class AmbassadorSettingsController {
  constructor(private readonly ambassadors: AmbassadorsService) {}

  @Get()
  @ApiOkResponse({ type: AmbassadorSettingsViewDto })
  get(@CurrentActor() actor: Actor): Promise<AmbassadorSettingsViewDto> {
    return this.ambassadors.getSettings(actor);
  }

  @Put()
  @ApiOperation({ summary: 'Default weekly capacity; applies to ambassadors who never set theirs' })
  @ApiOkResponse({ type: AmbassadorSettingsUpdatedDto })
  put(
    @CurrentActor() actor: Actor,
    @Body() dto: AmbassadorSettingsDto,
  ): Promise<AmbassadorSettingsUpdatedDto> {
    return this.ambassadors.updateSettings(actor, dto);
  }
}
