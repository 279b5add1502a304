import { BadRequestException, ParseUUIDPipe, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CommandOptions, CommandReply } from '../command-handling/command-options';

/** `"3"`, `W/"3"` or `3`: the version a client read (the ETag of a GET). */
function expectedVersionOf(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new BadRequestException({ code: 'COMMON.INVALID_IF_MATCH', title: '请求不合法', detail: `If-Match 须为对象的版本号（ETag），收到「${header}」` });
  }
  return Number(match[1]);
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** If-Match and Idempotency-Key of a command request. */
export const CommandHeaders = createParamDecorator((_: unknown, context: ExecutionContext): CommandOptions => {
  const request = context.switchToHttp().getRequest<Request>();
  const expectedVersion = expectedVersionOf(request.header('if-match'));
  const idempotencyKey = request.header('idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestException({ code: 'COMMON.INVALID_IDEMPOTENCY_KEY', title: '请求不合法', detail: 'Idempotency-Key 须为 1–128 个字母、数字或 ._:- 字符' });
  }
  return { ...(expectedVersion !== undefined && { expectedVersion }), ...(idempotencyKey !== undefined && { idempotencyKey }) };
});

/** OpenAPI for the two command headers. */
export const CommandHeadersDoc = () =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: '期望的版本号（ETag）；不一致时返回 409 COMMON.VERSION_CONFLICT' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：重试返回首次结果，不重复写入' }),
  );

export const etagOf = (version: number): string => `"${version}"`;

/** The reply of a command, with the new version as ETag. */
export function replied<R extends CommandReply>(response: Response, reply: R): R {
  response.setHeader('ETag', etagOf(reply.version));
  return reply;
}

/** Ids are UUIDs; anything else is a 400 in Chinese rather than a lookup. */
export const IdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ code: 'COMMON.INVALID_ID', title: '请求不合法', detail: '编号须为 UUID' }),
});
