import { Module, ValidationPipe, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ValidationError } from 'class-validator';
import { HealthController } from './health.controller';
import { ProblemDetailsFilter, RequestValidationError, type FieldError } from './problem-details.filter';
import type { ServiceRuntime } from './runtime';
import { SERVICE_RUNTIME } from './tokens';
import { EventStore } from '../event-store/event-store';
import { CommandHandling } from '../command-handling/handle-command';

/** class-validator's tree of errors as a flat list of `a.b[0].c` fields with their reasons. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
});

class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  onApplicationBootstrap(): void {
    if (this.runtime.environment.RELAY_ENABLED !== false) this.runtime.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.relay.stop();
    if (this.runtime.dataSource.isInitialized) await this.runtime.dataSource.destroy();
    console.log(`[${this.runtime.definition.service}] 已停止：转发器与数据库连接已关闭 (stopped cleanly)`);
  }
}

/**
 * What every service shares: its runtime (store, relay, broker), TypeORM on its schema,
 * CQRS buses, health checks, problem+json errors and validation with per-field errors.
 */
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        TerminusModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => runtime.dataSource,
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: EventStore, useValue: runtime.store },
        { provide: CommandHandling, useValue: runtime.commands },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: validationPipe },
        RelayLifecycle,
      ],
      exports: [SERVICE_RUNTIME, EventStore, CommandHandling, CqrsModule, TypeOrmModule],
    };
  }
}
