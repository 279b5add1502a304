import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import { RuleViolation } from '@oa/core';
import { errorCodes } from 'fastify';
import { ProblemDetailsFilter } from './problem-details.filter';
import type { RefusalRecord } from '../auth/refusal-record';

/** What reaches the client when the filter handles an exception. */
function answer(exception: unknown, refusals: RefusalRecord = { record: () => undefined } as unknown as RefusalRecord): { status: number; type: string; body: Record<string, unknown> } {
  const sent = { status: 0, type: '', body: {} as Record<string, unknown> };
  const reply = {
    sent: false,
    raw: { headersSent: false },
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(body: string) {
      sent.body = JSON.parse(body) as Record<string, unknown>;
    },
  };
  new ProblemDetailsFilter(refusals).catch(exception, { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({}) }) } as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  // found by the hostile-input reliability scenario: an oversized body was answered 500
  it.each([
    [413, new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 'COMMON.PAYLOAD_TOO_LARGE'],
    [415, new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/html'), 'COMMON.UNSUPPORTED_MEDIA_TYPE'],
  ])('answers Fastify\'s refusal %s of a body with that status and a code, not 500', (status, error, code) => {
    const { status: answered, type, body } = answer(error);
    expect(answered).toBe(status);
    expect(type).toBe('application/problem+json');
    expect(body['code']).toBe(code);
    // what to send instead
    expect(body['detail']).toContain('application/octet-stream');
    expect(JSON.stringify(body)).not.toContain('at ');
  });

  it('answers a refusal that carries its own code and detail (malformed JSON) with them', () => {
    const refusal = new BadRequestException({ code: 'COMMON.BAD_REQUEST', title: '请求不合法', detail: '请求体不是合法的 JSON' });
    expect(answer(refusal)).toMatchObject({ status: 400, body: { code: 'COMMON.BAD_REQUEST', detail: '请求体不是合法的 JSON' } });
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

  describe('a refusal to put on record (RefusalRecord)', () => {
    const seal4 = new RuleViolation('SEAL-4', 'forbidden', '无权操作', '申请人不得审批本人的用印申请');
    const recording = () => {
      let written!: () => void;
      let failed!: (failure: unknown) => void;
      const record = new Promise<void>((resolve, reject) => {
        written = resolve;
        failed = reject;
      });
      return { refusals: { record: () => record } as unknown as RefusalRecord, written, failed };
    };

    it('is answered only once it is on record', async () => {
      const { refusals, written } = recording();
      const sent = answer(seal4, refusals);
      await Promise.resolve();
      expect(sent.status).toBe(0);
      written();
      await new Promise(setImmediate);
      expect(sent).toMatchObject({ status: 403, body: { code: 'SEAL-4' } });
    });

    it('is answered with the failure when its record cannot be written: nothing refused goes unrecorded', async () => {
      const { refusals, failed } = recording();
      const sent = answer(seal4, refusals);
      failed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
      await new Promise(setImmediate);
      expect(sent).toMatchObject({ status: 503, body: { code: 'COMMON.DATABASE_UNAVAILABLE' } });
    });
  });
});
