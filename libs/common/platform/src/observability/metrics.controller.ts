import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/decorators';
import type { ServiceRuntime } from '../nest/runtime';
import { SERVICE_RUNTIME } from '../nest/tokens';

/**
 * GET /metrics in the Prometheus text format. Public like /health, so a scraper needs no
 * token: it carries counts by command and event type, rule code and route pattern only (no
 * ids, names or content); restrict it to the monitoring network at the load balancer.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.runtime.metrics.registry.metrics();
  }
}
