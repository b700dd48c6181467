import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@peerline/contracts';
import { ErrorResponse } from '@peerline/http-kit';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { AcceptInviteDto, LoginDto, LogoutDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Public } from './public.decorator';

@ApiTags('identity')
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'RATE_LIMITED, with Retry-After',
  })
  login(@Body() _credentials: LoginDto, @CurrentActor() actor: Actor): Promise<TokenPairDto> {
    return this.auth.login(actor);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(actor, dto.refreshToken);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('accept-invite')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set; log in with it.' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse })
  acceptInvite(@Body() dto: AcceptInviteDto): Promise<void> {
    return this.auth.acceptInvite(dto.token, dto.password);
  }
}
