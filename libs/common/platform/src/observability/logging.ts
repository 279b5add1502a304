import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { requestIdsOf } from '../auth/request-context';

/**
 * One JSON log line per event, to stdout, at LOG_LEVEL (default info); `service` on every line.
 * Written synchronously: on SIGTERM Nest re-raises the signal after closing, and an async buffer
 * would lose the last lines (the clean-stop line administrators look for).
 */
export function createServiceLogger(service: string, level = 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}

/** Probes and scrapes come every few seconds: logging each would drown the requests that matter. */
const QUIET_PATHS = /^\/(health(\/.*)?|metrics)$/;

/**
 * Nest's logger and one line per HTTP request through pino-http, each with the request id
 * (X-Request-Id, taken or generated) and correlation id (X-Correlation-Id, default the request
 * id) that also go into the metadata of the events the request appends; both are echoed back.
 */
export function loggingModule(logger: Logger) {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const { requestId, correlationId } = requestIdsOf(request);
        response.setHeader('X-Request-Id', requestId);
        response.setHeader('X-Correlation-Id', correlationId);
        return requestId;
      },
      customProps: (request: IncomingMessage) => ({ correlationId: requestIdsOf(request).correlationId }),
      autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test((request.url ?? '').split('?')[0] ?? '') },
      // the bearer token is a credential: never in a log line
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // every route, in the path syntax of Express 5 (nestjs-pino's default `*` draws a deprecation warning)
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}
