import { Controller, Get, Header } from '@nestjs/common';
import { Metrics } from '@peerline/observability';

/** Job counters and durations per job name, relay throughput, process metrics. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
