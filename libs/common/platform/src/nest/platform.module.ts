import { Module, ValidationPipe, type ArgumentMetadata, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type BeforeApplicationShutdown, Inject } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ValidationError } from 'class-validator';
import { HealthController } from './health.controller';
import { ChainHeadsController } from './chain-heads.controller';
import { CountingThrottlerStorage } from './rate-limit-storage';
import { loggingModule } from '../observability/logging';
import { MetricsController } from '../observability/metrics.controller';
import { ProblemDetailsFilter, RequestValidationError, type FieldError } from './problem-details.filter';
import type { ServiceRuntime } from './runtime';
import { FILE_STORE, SERVICE_RUNTIME } from './tokens';
import { EventStore } from '../event-store/event-store';
import { CommandHandling } from '../command-handling/handle-command';
import { StreamCommandHandler } from '../command-handling/stream-command';
import { StreamHistoryQueryHandler, StreamStateQueryHandler } from '../command-handling/stream-queries';
import { RefusalRecord } from '../auth/refusal-record';
import { AccessGuard } from '../auth/access.guard';
import { CLOCK, systemClock, type Clock } from '../auth/clock';
import { Public } from '../auth/decorators';
import { SecurityLog } from '../auth/security-log';
import { TokenVerifier } from '../auth/token';
import { DirectoryAuthorities, DirectoryFeed, holdsTheDirectory } from '../directory/directory-authorities';

// Load balancers probe health without a token (the one route set that is @Public by nature).
Public()(HealthController);

/** class-validator's tree of errors as a flat list of `a.b[0].c` fields with their reasons. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    // forbidNonWhitelisted says so in English: a field the contract does not define, said in Chinese
    const reasonOf = ([constraint, reason]: [string, string]) => (constraint === 'whitelistValidation' ? `接口不接受字段 ${field}（请求中多出的字段）` : reason);
    const own = error.constraints ? [{ field, reasons: Object.entries(error.constraints).map(reasonOf) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Far deeper than any request body of the contracts; deeper JSON is an attack, not a request. */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed value nests deeper than `limit`, found without recursion (the value may be tens of thousands deep). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * class-validator's pipe recurses over the body (Nest strips __proto__ keys recursively), so a
 * deeply nested body would overflow the stack and answer 500: refuse it first, as a 400.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // what a custom decorator gives (a command's call, an upload's stream) is the server's own, not validated
    if (metadata.type !== 'custom' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new RequestValidationError([{ field: metadata.data ?? metadata.type, reasons: [`嵌套层数超过 ${MAX_BODY_DEPTH} 层 (nested deeper than ${MAX_BODY_DEPTH})`] }]);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new BoundedValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
});

/** Starts the relay with the app; stops it before TypeORM closes the pool it reads from. */
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  onApplicationBootstrap(): void {
    if (this.runtime.environment.RELAY_ENABLED !== false) this.runtime.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.relay.stop();
  }

  onApplicationShutdown(): void {
    this.runtime.logger.info('已停止：转发器与数据库连接已关闭 (stopped cleanly)');
  }
}

async function tokenVerifierOf(runtime: ServiceRuntime): Promise<TokenVerifier> {
  const verifier = await TokenVerifier.fromSettings(runtime.environment, { log: runtime.logger });
  if (!verifier.configured) {
    runtime.logger.warn('未配置 JWT_SECRET、JWT_PUBLIC_KEY 或 JWT_JWKS_URL：除健康检查外的请求一律 401 (no token key: every token is refused)');
  }
  return verifier;
}

/**
 * What every service shares: its runtime (store, relay, broker), TypeORM on its schema,
 * CQRS buses, health checks, problem+json errors, validation with per-field errors, and the
 * security kernel: rate limit per client, then token and role checks, denials on record.
 */
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime, clock: Clock = systemClock): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        loggingModule(runtime.logger),
        CqrsModule.forRoot(),
        TerminusModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => runtime.dataSource,
        }),
        // In memory, so the limit holds per replica; generous, it only stops floods and guessing.
        // Counted per window, not per hit: the cost of a request does not grow with the limit.
        // The key is the default's (route and client) unhashed: hashing suits a shared store, not a Map.
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: runtime.environment.RATE_LIMIT_PER_MINUTE ?? 600 }],
          storage: new CountingThrottlerStorage(),
          generateKey: (context, tracker, name) => `${context.getClass().name}-${context.getHandler().name}-${name}-${tracker}`,
        }),
      ],
      controllers: [HealthController, MetricsController, ChainHeadsController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: EventStore, useValue: runtime.store },
        { provide: CommandHandling, useValue: runtime.commands },
        ...(runtime.files ? [{ provide: FILE_STORE, useValue: runtime.files }] : []),
        StreamCommandHandler,
        StreamStateQueryHandler,
        StreamHistoryQueryHandler,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: CLOCK, useValue: clock },
        { provide: TokenVerifier, useFactory: () => tokenVerifierOf(runtime) },
        SecurityLog,
        RefusalRecord,
        // Guards run in this order: a flood is cut off before it costs a token check or a log row.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        RelayLifecycle,
        DirectoryAuthorities,
        ...(runtime.definition.directory && !holdsTheDirectory(runtime.definition) ? [DirectoryFeed] : []),
      ],
      exports: [SERVICE_RUNTIME, ...(runtime.files ? [FILE_STORE] : []), EventStore, CommandHandling, CqrsModule, TypeOrmModule, CLOCK, SecurityLog, DirectoryAuthorities],
    };
  }
}
