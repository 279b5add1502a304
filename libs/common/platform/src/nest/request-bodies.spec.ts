import { Readable } from 'node:stream';
import { HttpException } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { acceptRequestBodies, JSON_BODY_LIMIT } from './request-bodies';

describe('acceptRequestBodies', () => {
  let fastify: FastifyInstance;
  beforeAll(async () => {
    fastify = Fastify();
    acceptRequestBodies(fastify);
    fastify.post('/', async (request) => (request.body instanceof Readable ? { stream: (await request.body.toArray()).join('') } : { body: request.body }));
    // what reaches Nest's error handler, in the filter's terms
    fastify.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) =>
      error instanceof HttpException ? reply.status(error.getStatus()).send(error.getResponse()) : reply.status(error.statusCode ?? 500).send({ code: (error as { code?: string }).code }),
    );
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  const post = (contentType: string | undefined, payload: string) => fastify.inject({ method: 'POST', url: '/', headers: contentType ? { 'content-type': contentType } : {}, payload });

  it('parses JSON, and takes an empty JSON body as {}', async () => {
    expect((await post('application/json', '{"a":1}')).json()).toEqual({ body: { a: 1 } });
    expect((await post('application/json; charset=utf-8', '')).json()).toEqual({ body: {} });
  });

  it('refuses malformed JSON with 400 COMMON.BAD_REQUEST and why, and a __proto__ key too', async () => {
    for (const payload of ['{"a":', '{"__proto__":{"admin":true}}']) {
      const reply = await post('application/json', payload);
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toMatchObject({ code: 'COMMON.BAD_REQUEST', detail: '请求体不是合法的 JSON' });
    }
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const reply = await post('application/json', JSON.stringify({ text: 'x'.repeat(JSON_BODY_LIMIT) }));
    expect(reply.statusCode).toBe(413);
    expect(reply.json()).toEqual({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('FILE-1 hands an octet stream to the route unread', async () => {
    expect((await post('application/octet-stream', 'raw bytes')).json()).toEqual({ stream: 'raw bytes' });
  });

  it('refuses any other media type with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) expect((await post(contentType, 'a=1')).statusCode).toBe(415);
  });
});
