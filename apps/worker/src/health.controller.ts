import { Controller, Get } from '@nestjs/common';

/** Liveness only: the process is up. Readiness is the api's /readyz; job metrics are on /metrics. */
@Controller()
export class HealthController {
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
