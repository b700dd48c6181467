import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { CursorQueryDto, ErrorResponse } from '@peerline/http-kit';
import { CurrentActor } from './current-actor.decorator';
import {
  InviteCreatedDto,
  InviteUserDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/users.dto';
import { Roles } from './roles.decorator';
import { uuidParam } from './uuid-param.pipe';
import { UsersService } from './users.service';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: InviteCreatedDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'USER_EXISTS' })
  invite(@CurrentActor() actor: Actor, @Body() dto: InviteUserDto): Promise<InviteCreatedDto> {
    return this.users.invite(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CursorQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'LAST_ADMIN' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('user')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }
}
