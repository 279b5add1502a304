import type { ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What reaches the client when the filter handles an exception. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  new ProblemDetailsFilter().catch(exception, { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost);
  return sent;
}

/** How body-parser (through http-errors) refuses a body before any controller runs. */
const bodyParserError = (status: number, type: string, message: string) => Object.assign(new Error(message), { status, statusCode: status, expose: true, type });

describe('ProblemDetailsFilter', () => {
  // found by the hostile-input reliability scenario: an oversized body was answered 500
  it.each([
    [413, 'entity.too.large', 'COMMON.PAYLOAD_TOO_LARGE'],
    [400, 'entity.parse.failed', 'COMMON.BAD_REQUEST'],
    [415, 'charset.unsupported', 'COMMON.UNSUPPORTED_MEDIA_TYPE'],
  ])('answers body-parser %s (%s) with that status and a code, not 500', (status, type, code) => {
    const { status: answered, body } = answer(bodyParserError(status, type, 'refused'));
    expect(answered).toBe(status);
    expect(body['code']).toBe(code);
    expect(JSON.stringify(body)).not.toContain('at ');
  });

  // found by the database-restart reliability scenario: requests during a restart were answered 500
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['the server shutting down (57P01), wrapped by TypeORM', Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01', message: 'terminating connection' } })],
    ['a server still recovering (57P03)', Object.assign(new Error('the database system is not yet accepting connections'), { code: '57P03' })],
  ])('answers %s with 503 and a code, not 500', (_, error) => {
    const { status, body } = answer(error);
    expect(status).toBe(503);
    expect(body['code']).toBe('COMMON.DATABASE_UNAVAILABLE');
  });

  // found by the hostile-input reliability scenario: GET /archival-codes/%00 answered 500
  it('answers text PostgreSQL cannot store (a NUL byte, 22021) with 400 and a code', () => {
    const { status, body } = answer(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { driverError: { code: '22021' } }));
    expect(status).toBe(400);
    expect(body['code']).toBe('COMMON.INVALID_TEXT');
  });

  it('keeps a constraint violation (23505) a 500: the database answered', () => {
    expect(answer(Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } })).status).toBe(500);
  });

  it('keeps unknown errors a 500 without a stack', () => {
    const { status, body } = answer(Object.assign(new Error('boom'), { status: 418 }));
    expect(status).toBe(500);
    expect(body).toEqual({ status: 500, code: 'COMMON.INTERNAL', title: '服务器内部错误', detail: '请联系系统管理员并提供请求编号' });
  });
});
