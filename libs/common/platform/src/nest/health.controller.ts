import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SERVICE_RUNTIME } from './tokens';
import type { ServiceRuntime } from './runtime';

/** Liveness and readiness: the database answers, the broker answers, the relay runs and publishes. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  @Get('live')
  @ApiOperation({ summary: '存活检查 (liveness)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '就绪检查：数据库、Kafka、转发器 (readiness)' })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.kafkaCheck(),
      () => this.relayCheck(),
    ]);
  }

  private async kafkaCheck() {
    const check = this.indicators.check('kafka');
    const admin = this.runtime.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        admin.connect().then(() => admin.describeCluster()),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Kafka 未在 2 秒内应答 (timeout)')), 2000))),
      ]);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  }

  private relayCheck() {
    const check = this.indicators.check('relay');
    const status = this.runtime.relay.getStatus();
    // A standby replica (another one holds the lock) is healthy; a relay failing to publish, or stopped where enabled, is not.
    const stopped = this.runtime.environment.RELAY_ENABLED !== false && !status.running;
    return status.lastError || stopped ? check.down({ ...status }) : check.up({ ...status });
  }
}
