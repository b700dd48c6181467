import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse } from '@peerline/http-kit';
import { AuditService } from './audit.service';
import { CurrentActor } from './current-actor.decorator';
import { AuditLogPageDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { Roles } from './roles.decorator';

@ApiTags('identity')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'hr')
  @ApiOkResponse({ type: AuditLogPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.audit.list(actor, query);
  }
}
