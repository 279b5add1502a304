import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** A JSON body larger than this is refused (413): the contracts' bodies are a few kilobytes; files go as octet streams. */
export const JSON_BODY_LIMIT = 100 * 1024;

/** What a command's refusal of malformed JSON says (400 COMMON.BAD_REQUEST). */
const NOT_JSON = { code: 'COMMON.BAD_REQUEST', title: '请求不合法', detail: '请求体不是合法的 JSON' };

/**
 * The request bodies a service accepts, and nothing else (415 for any other type):
 * - `application/json`, up to JSON_BODY_LIMIT, parsed with Fastify's parser that refuses
 *   `__proto__` and `constructor.prototype` keys; an empty body is `{}` (a command with no
 *   fields, as clients send it);
 * - `application/octet-stream`, handed to the route unread: an upload is stored as it arrives
 *   (FILE-1), never buffered, and its size is checked as it is read.
 */
export function acceptRequestBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    if (text.trim() === '') return done(null, {});
    parseJson(request, text, (error, value) => (error ? done(new BadRequestException(NOT_JSON), undefined) : done(null, value)));
  });
  fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
}
