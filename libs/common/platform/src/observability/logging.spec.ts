import { Writable } from 'node:stream';
import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import request from 'supertest';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { logRequests, loggingModule, requestIds, unhandledRejectionHandler } from './logging';
import { ProblemDetailsFilter } from '../nest/problem-details.filter';
import type { RefusalRecord } from '../auth/refusal-record';

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }

  @Get('broken')
  broken() {
    throw new Error('boom');
  }
}

/** The JSON lines pino writes, kept in memory. */
function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info', base: { service: 'seals' } }, stream) };
}

describe('request logging', () => {
  async function appWith(logger: pino.Logger) {
    @Module({ imports: [loggingModule(logger)], controllers: [ThingsController] })
    class LoggedModule {}
    const app = (await Test.createTestingModule({ imports: [LoggedModule] }).compile()).createNestApplication<NestFastifyApplication>(new FastifyAdapter({ genReqId: requestIds.generate }), { logger: false });
    requestIds.echo(app.getHttpAdapter().getInstance());
    logRequests(app.getHttpAdapter().getInstance(), logger);
    app.useGlobalFilters(new ProblemDetailsFilter({ record: () => undefined } as unknown as RefusalRecord));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  it('logs each request as one JSON line with its request and correlation ids, echoes both, and never a header (the token least of all)', async () => {
    const { lines, logger } = memoryLogger();
    const app = await appWith(logger);
    try {
      const response = await request(app.getHttpServer()).get('/things').set('X-Request-Id', 'req-log-1').set('X-Correlation-Id', 'corr-log-1').set('Authorization', 'Bearer secret-token');
      expect(response.headers['x-request-id']).toBe('req-log-1');
      expect(response.headers['x-correlation-id']).toBe('corr-log-1');
      const line = lines.find((entry) => (entry['req'] as { url?: string } | undefined)?.url === '/things');
      expect(line).toMatchObject({ service: 'seals', correlationId: 'corr-log-1', req: { id: 'req-log-1', method: 'GET' }, res: { statusCode: 200 } });
      expect(JSON.stringify(lines)).not.toContain('secret-token');
      // which request, not its headers (credentials, and 1 KB a line of noise)
      expect(Object.keys(line!['req'] as object).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
      expect(Object.keys(line!['res'] as object)).toEqual(['statusCode']);
      expect(line!['responseTime']).toEqual(expect.any(Number));
    } finally {
      await app.close();
    }
  });

  it('logs an unexpected error with its stack on the line of its request id, the id the client is told to give', async () => {
    const { lines, logger } = memoryLogger();
    const app = await appWith(logger);
    try {
      const response = await request(app.getHttpServer()).get('/things/broken').set('X-Request-Id', 'req-log-500');
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toContain('boom');
      const error = lines.find((line) => line['level'] === 50);
      expect(error).toMatchObject({ req: { id: 'req-log-500' }, err: { message: 'boom', stack: expect.stringContaining('broken') } });
    } finally {
      await app.close();
    }
  });

  it('generates a request id for a request without one, or with an unsafe one, and uses it as the correlation id', async () => {
    const { lines, logger } = memoryLogger();
    const app = await appWith(logger);
    try {
      const response = await request(app.getHttpServer()).get('/things').set('X-Request-Id', 'not safe; drop table');
      const requestId = response.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-correlation-id']).toBe(requestId);
      expect(lines.find((entry) => (entry['req'] as { url?: string } | undefined)?.url === '/things')).toMatchObject({ correlationId: requestId, req: { id: requestId } });
    } finally {
      await app.close();
    }
  });
});

describe('a rejection nobody handled', () => {
  it('logs a KafkaJS one (a broker died mid-request) and keeps the process running', () => {
    const { lines, logger } = memoryLogger();
    const exit = jest.fn();
    unhandledRejectionHandler(logger, exit)(new KafkaJSNonRetriableError('Request Produce(key: 0, version: 7) timed out'));
    expect(exit).not.toHaveBeenCalled();
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining('KAFKA.UNHANDLED_REJECTION') })]);
  });

  it('logs any other and exits with 1', () => {
    const { lines, logger } = memoryLogger();
    const exit = jest.fn();
    unhandledRejectionHandler(logger, exit)(new TypeError('x is undefined'));
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toEqual([expect.objectContaining({ level: 60, msg: expect.stringContaining('PROCESS.UNHANDLED_REJECTION'), err: expect.objectContaining({ message: 'x is undefined' }) })]);
  });
});
