import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import { KafkaJSError } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestIdsOf } from '../auth/request-context';

/**
 * One JSON log line per event, to stdout, at LOG_LEVEL (default info); `service` on every line.
 * Written synchronously: on SIGTERM Nest re-raises the signal after closing, and an async buffer
 * would lose the last lines (the clean-stop line administrators look for).
 */
export function createServiceLogger(service: string, level = 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}

/**
 * A service process's last word on a rejection nobody handled. KafkaJS can reject a request's
 * promise that none of its callers holds when a broker dies or hangs mid-request (tulios/kafkajs
 * issue 1686, open): the relay and the consumers retry through their own loops, so that one is
 * logged and the process runs on. Any other is a defect: logged, then the process exits (1) for
 * its supervisor to restart, as Node would.
 */
export function unhandledRejectionHandler(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): (reason: unknown) => void {
  return (reason) => {
    if (reason instanceof KafkaJSError) {
      logger.warn({ err: reason }, 'Kafka 客户端的未处理拒绝，已忽略：转发与消费自行重试 (KAFKA.UNHANDLED_REJECTION)');
      return;
    }
    logger.fatal({ err: reason }, '未处理的 Promise 拒绝，进程退出 (PROCESS.UNHANDLED_REJECTION)');
    exit(1);
  };
}

/** Probes and scrapes come every few seconds: logging each would drown the requests that matter. */
const QUIET_PATHS = /^\/(health(\/.*)?|metrics)$/;

/** What pino-http hands the serializers: its own summary of the request and of the response. */
interface LoggedRequest {
  readonly id: unknown;
  readonly method: string;
  readonly url: string;
  readonly remoteAddress?: string;
}

/**
 * A request's line says which request it was, not every header: the headers carry the bearer
 * token and cookies (credentials never belong in a log), and the rest is noise at 1 KB a line
 * that administrators store and that the service allocated on every request (issue 9, figure 3).
 */
const requestLogSerializers = {
  req: ({ id, method, url, remoteAddress }: LoggedRequest) => ({ id, method, url, remoteAddress }),
  res: ({ statusCode }: { readonly statusCode: number }) => ({ statusCode }),
};

/**
 * Nest's own lines (start, stop, errors) through pino. Requests are logged by `logRequests`, a
 * Fastify hook: as a Nest middleware (nestjs-pino's) each request also ran Fastify's middleware
 * engine and an AsyncLocalStorage, whose promise hooks every promise of the process then paid
 * (issue 28). A request's own lines go through its `request.log`.
 */
export function loggingModule(logger: Logger) {
  return LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] });
}

/**
 * One line per HTTP request through pino-http, with the request id (X-Request-Id, taken or
 * generated) and correlation id (X-Correlation-Id, default the request id) that also go into the
 * metadata of the events the request appends (see requestIds).
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  const logRequest = pinoHttp({
    logger,
    genReqId: (request: IncomingMessage) => requestIdsOf(request).requestId,
    customProps: (request: IncomingMessage) => ({ correlationId: requestIdsOf(request).correlationId }),
    autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test((request.url ?? '').split('?')[0] ?? '') },
    serializers: requestLogSerializers,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    logRequest(request.raw, reply.raw);
    done();
  });
}

/**
 * The request's ids as Fastify's own (`request.id`, which the request log line takes) and echoed
 * back on every answer, refusals included.
 */
export const requestIds = {
  generate: (request: IncomingMessage | Http2ServerRequest): string => requestIdsOf(request as IncomingMessage).requestId,
  echo(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      const { requestId, correlationId } = requestIdsOf(request.raw);
      reply.header('X-Request-Id', requestId).header('X-Correlation-Id', correlationId);
      done();
    });
  },
};
