import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '@peerline/http-kit';
import { Public } from '@peerline/identity';
import { DirectoryThrottlerGuard } from './directory-throttler.guard';
import { DirectoryService } from './directory.service';
import { AmbassadorCardPageDto, MatchResultDto, PublicAmbassadorDto } from './dto/ambassador.dto';
import { DirectoryQueryDto, MatchQueryDto } from './dto/directory-query.dto';

@ApiTags('directory')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown organization' })
@ApiTooManyRequestsResponse({
  type: ErrorResponse,
  description: 'RATE_LIMITED (per client address), with Retry-After and details.retryAfterSeconds',
})
@Public()
@UseGuards(DirectoryThrottlerGuard)
@Controller('public/orgs/:slug')
export class PublicDirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('ambassadors')
  @ApiOperation({
    summary: 'Search the directory',
    description:
      'Paused ambassadors never appear; away ones show returnsOn. Ordered by relevance (q, name), then slots left this week, then id.',
  })
  @ApiOkResponse({ type: AmbassadorCardPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Unknown or invalid filter, bad cursor',
  })
  search(
    @Param('slug') slug: string,
    @Query() query: DirectoryQueryDto,
  ): Promise<AmbassadorCardPageDto> {
    return this.directory.search(slug, query);
  }

  @Get('ambassadors/:id')
  @ApiOperation({ summary: 'A public ambassador profile' })
  @ApiOkResponse({ type: PublicAmbassadorDto })
  profile(@Param('slug') slug: string, @Param('id') id: string): Promise<PublicAmbassadorDto> {
    return this.directory.getProfile(slug, id);
  }

  @Get('match')
  @ApiOperation({
    summary: 'Suggest ambassadors with a slot this week',
    description:
      'Ranked by shared topics, then same team, department and language; each with reasons[].',
  })
  @ApiOkResponse({ type: MatchResultDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  match(@Param('slug') slug: string, @Query() query: MatchQueryDto): Promise<MatchResultDto> {
    return this.directory.match(slug, query);
  }
}
