import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse } from '@peerline/http-kit';
import { CurrentActor } from './current-actor.decorator';
import { MeDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('identity')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.users.me(actor);
  }
}
