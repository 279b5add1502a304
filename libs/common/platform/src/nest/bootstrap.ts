import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { buildOpenApiDocument } from './openapi';
import type { Clock } from '../auth/clock';
import { ConfigurationError, DEFAULT_HEAP_GROWING_PERCENT } from '../config/service-config';
import { listRoutes, routeDeclarationProblems } from '../auth/route-declarations';
import { PlatformModule } from './platform.module';
import { acceptRequestBodies } from './request-bodies';
import { shapeVersionedReplies } from './command-headers';
import { logRequests, requestIds, unhandledRejectionHandler } from '../observability/logging';
import { createServiceRuntime, DEFAULT_PORTS, type ServiceDefinition, type ServiceRuntime } from './runtime';

export interface RunningService {
  readonly app: NestFastifyApplication;
  readonly runtime: ServiceRuntime;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts one service: validated configuration, infrastructure, migrations, the Nest app with
 * the service's own module (refused when a route declares no access requirement), OpenAPI at /api/docs (JSON at /api/docs-json), and a clean stop
 * on SIGTERM (the relay finishes its batch, connections close). Logs are JSON lines (pino) at
 * LOG_LEVEL, one per request with its request and correlation ids; Prometheus metrics at /metrics.
 */
/** `clock`: the instant commands are decided at; tests pass a settable one to live through a week. */
export async function startService(definition: ServiceDefinition, serviceModule: Type, env: NodeJS.ProcessEnv = process.env, clock?: Clock): Promise<RunningService> {
  const runtime = await createServiceRuntime(definition, env);
  // process-wide, read by V8 after each full collection: services sharing a process (tests) agree on it
  setFlagsFromString(`--heap-growing-percent=${runtime.environment.HEAP_GROWING_PERCENT ?? DEFAULT_HEAP_GROWING_PERCENT}`);
  const app = await NestFactory.create<NestFastifyApplication>(
    { module: class ServiceRootModule {}, imports: [PlatformModule.forRuntime(runtime, clock), serviceModule] } as never,
    // Fastify: its routing and replies cost a third of Express's per request (issue 28, figure 3)
    new FastifyAdapter({ genReqId: requestIds.generate }),
    // Nest's own lines wait for pino, so every line is JSON; request bodies are parsed as below
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  acceptRequestBodies(fastify);
  shapeVersionedReplies(fastify);
  requestIds.echo(fastify);
  logRequests(fastify, runtime.logger);
  runtime.metrics.timeRequests(fastify);
  // Deny by default is enforced per request too; refusing to start makes the omission loud.
  const undeclared = routeDeclarationProblems(listRoutes(app));
  if (undeclared.length > 0) {
    await app.close();
    throw new ConfigurationError(undeclared.map((problem) => `接口访问声明有误 (AUTH.ROUTE_UNDECLARED) ${problem}`));
  }
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/live', 'metrics'] });
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, definition), { jsonDocumentUrl: 'api/docs-json' });
  const port = runtime.environment.PORT ?? DEFAULT_PORTS[definition.service];
  await app.listen(port, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, runtime, url, close: () => app.close() };
}

/** main.ts of every service: start, or print the configuration problem and exit non-zero. */
export function runServiceMain(definition: ServiceDefinition, serviceModule: Type): void {
  startService(definition, serviceModule).then(
    ({ url, runtime }) => {
      process.on('unhandledRejection', unhandledRejectionHandler(runtime.logger));
      runtime.logger.info({ url }, `服务已启动 (started) ${url}  OpenAPI: ${url}/api/docs`);
    },
    (error: unknown) => {
      console.error(error instanceof ConfigurationError ? error.message : `[${definition.service}] 启动失败 (start failed): ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}
