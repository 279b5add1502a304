import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { isRuleViolation, type ViolationKind } from '@oa/core';
import { RefusalRecord } from '../auth/refusal-record';
import { JSON_BODY_LIMIT } from './request-bodies';

const STATUS_OF: Record<ViolationKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** A field error of a 400: which field, and why. */
export interface FieldError {
  readonly field: string;
  readonly reasons: readonly string[];
}

/** Thrown by the validation pipe: 400 with per-field errors. */
export class RequestValidationError extends HttpException {
  constructor(readonly errors: readonly FieldError[]) {
    super({ code: 'COMMON.VALIDATION_FAILED', title: '请求参数不合法', errors }, HttpStatus.BAD_REQUEST);
  }
}

/** What a status says when the refusal brings no words of its own (Fastify's, Nest's). */
const GENERIC: Record<number, { code: string; title: string; detail?: string }> = {
  400: { code: 'COMMON.BAD_REQUEST', title: '请求不合法' },
  401: { code: 'AUTH.UNAUTHENTICATED', title: '未认证' },
  403: { code: 'AUTH.FORBIDDEN', title: '无权操作' },
  404: { code: 'COMMON.NOT_FOUND', title: '未找到' },
  409: { code: 'COMMON.CONFLICT', title: '冲突' },
  413: { code: 'COMMON.PAYLOAD_TOO_LARGE', title: '请求体过大', detail: `JSON 请求体不得超过 ${JSON_BODY_LIMIT / 1024} KB；文件以 application/octet-stream 上传` },
  415: { code: 'COMMON.UNSUPPORTED_MEDIA_TYPE', title: '不支持的请求体类型', detail: '请求体须为 application/json；文件上传须为 application/octet-stream' },
  429: { code: 'COMMON.TOO_MANY_REQUESTS', title: '请求过于频繁' },
  503: { code: 'COMMON.UNAVAILABLE', title: '服务暂不可用' },
};

/** SQLSTATE classes and codes that mean the database is away (connection exception, shutdown, cannot connect now, too many connections), not that the request is wrong. */
const DATABASE_AWAY = /^(08...|57P0[123]|53300)$/;
const NETWORK_AWAY = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const CONNECTION_LOST = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/** PostgreSQL refused the text itself (22021 invalid byte sequence, 22P05 untranslatable character): the client's input. */
function isUnstorableText(exception: unknown): boolean {
  const code = (exception as { driverError?: { code?: unknown } } | undefined)?.driverError?.code ?? (exception as { code?: unknown } | undefined)?.code;
  return code === '22021' || code === '22P05';
}

/** Whether an error (or the driver error TypeORM wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(exception: unknown): boolean {
  for (let error = exception; typeof error === 'object' && error !== null; error = (error as { driverError?: unknown }).driverError) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (DATABASE_AWAY.test(code) || NETWORK_AWAY.has(code))) return true;
    if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
    if (!('driverError' in error)) break;
  }
  return false;
}

/** A refusal of Fastify's own (a body too large, an unsupported media type), met before any route runs. */
function isFastifyClientError(exception: unknown): exception is Error & { statusCode: number } {
  if (!(exception instanceof Error) || exception.name !== 'FastifyError') return false;
  const { statusCode } = exception as Error & { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/**
 * Every error as application/problem+json (RFC 9457) with a stable English `code` and a
 * Chinese title and detail. Unknown errors become 500 without a stack trace. A refusal is
 * answered once it is on record; when the record cannot be written, that failure is the answer.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly refusals: RefusalRecord) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const recording = this.refusals.record(exception, http.getRequest<FastifyRequest>());
    if (recording) {
      void recording.then(
        () => this.answer(exception, reply),
        (failure: unknown) => this.answer(failure, reply),
      );
    } else {
      this.answer(exception, reply);
    }
  }

  private answer(exception: unknown, reply: FastifyReply): void {
    const problem = this.toProblem(exception, reply);
    // a file already on its way (headers sent) cannot become a problem: the client sees the cut
    if (reply.sent || reply.raw.headersSent) return void reply.raw.destroy();
    void reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, reply: FastifyReply): { status: number; code: string; title: string; detail?: string; errors?: readonly FieldError[]; details?: object } {
    if (isRuleViolation(exception)) {
      return { status: STATUS_OF[exception.kind], code: exception.code, title: exception.title, detail: exception.detail };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const given = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const generic = GENERIC[status] ?? { code: `HTTP.${status}`, title: '请求失败' };
      return {
        status,
        code: typeof given['code'] === 'string' ? given['code'] : generic.code,
        title: typeof given['title'] === 'string' ? given['title'] : generic.title,
        ...(typeof given['detail'] === 'string' ? { detail: given['detail'] } : generic.detail !== undefined && { detail: generic.detail }),
        ...(Array.isArray(given['errors']) && { errors: given['errors'] as FieldError[] }),
        // a failed readiness check says which dependency is down (database, kafka, relay)
        ...(status === HttpStatus.SERVICE_UNAVAILABLE && typeof given['details'] === 'object' && given['details'] !== null && { details: given['details'] }),
      };
    }
    if (isUnstorableText(exception)) {
      // a NUL byte or a character PostgreSQL cannot store, sent by the client (e.g. %00 in a path)
      return { status: 400, code: 'COMMON.INVALID_TEXT', title: '请求不合法', detail: '请求中含有无法处理的字符（如空字符 \\0）' };
    }
    if (isDatabaseUnavailable(exception)) {
      // a database restart or failover: the client may retry, and nothing was half-done (one transaction per command)
      return { status: 503, code: 'COMMON.DATABASE_UNAVAILABLE', title: '服务暂不可用', detail: '数据库暂时无法连接，请稍后重试' };
    }
    if (isFastifyClientError(exception)) {
      const generic = GENERIC[exception.statusCode] ?? { code: `HTTP.${exception.statusCode}`, title: '请求失败' };
      return { status: exception.statusCode, ...generic, detail: generic.detail ?? generic.title };
    }
    // one JSON line with the stack, through the request's own logger: found by the id the client was given
    const requestLog = (reply.request?.raw as { log?: PinoLogger } | undefined)?.log;
    if (requestLog) requestLog.error({ err: exception }, '未处理的错误 (COMMON.INTERNAL)');
    else new Logger('ProblemDetails').error(exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, code: 'COMMON.INTERNAL', title: '服务器内部错误', detail: '请联系系统管理员并提供请求编号' };
  }
}
