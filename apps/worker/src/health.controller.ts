import { Controller, Get } from '@nestjs/common';

/** Liveness only: the process is up. Readiness and metrics are served elsewhere. */
@Controller()
export class HealthController {
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
