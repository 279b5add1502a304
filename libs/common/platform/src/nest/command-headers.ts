import { BadRequestException, Get, HttpCode, HttpStatus, ParseUUIDPipe, Post, applyDecorators, createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { isIsoDate } from '@oa/core';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandOptions, CommandReply } from '../command-handling/command-options';
import type { CommandResult } from '../command-handling/handle-command';
import { replyOf, type CommandCall } from '../command-handling/stream-command';
import type { Versioned } from '../command-handling/stream-queries';
import { Roles } from '../auth/decorators';
import { commandMetadataOf } from '../auth/request-context';
import type { Role } from '../auth/roles';

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
function commandOptionsOf(request: FastifyRequest): CommandOptions {
  const expectedVersion = expectedVersionOf(request.headers['if-match']);
  const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestException({ code: 'COMMON.INVALID_IDEMPOTENCY_KEY', title: '请求不合法', detail: 'Idempotency-Key 须为 1–128 个字母、数字或 ._:- 字符' });
  }
  return { ...(expectedVersion !== undefined && { expectedVersion }), ...(idempotencyKey !== undefined && { idempotencyKey }) };
}

/** `@Call() call: CommandCall` in a command route: the actor and request metadata, If-Match and Idempotency-Key. */
export const Call = createParamDecorator((_: unknown, context: ExecutionContext): CommandCall => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { metadata: commandMetadataOf(request), options: commandOptionsOf(request) };
});

export const etagOf = (version: number): string => `"${version}"`;

function isCommandResult(value: unknown): value is CommandResult {
  return typeof value === 'object' && value !== null && 'streamId' in value && 'events' in value && 'state' in value;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a route's reply is made of, declared by `CommandRoute` and `StateRoute`. */
    readonly versionedReply?: 'command' | 'created' | 'state';
  }
}

/**
 * The reply of every command route and aggregate read, set in one place as Fastify serializes
 * it: a command's result becomes `{id, version}` (a route may add the ids it minted), a read's
 * `{id, version, ...state}`; the version is the ETag, and what a route created at its
 * collection's path is found at the Location. A Fastify hook rather than a Nest interceptor:
 * a route without interceptors runs no RxJS (issue 28).
 */
export function shapeVersionedReplies(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request: FastifyRequest<{ Params: Record<string, string | undefined> }>, reply, payload, done) => {
    const shape = request.routeOptions.config.versionedReply;
    if (shape === undefined) return done(null, payload);
    if (shape === 'state') {
      const { id, version, state } = payload as Versioned<object>;
      reply.header('ETag', etagOf(version));
      return done(null, { id, version, ...state });
    }
    const command = isCommandResult(payload) ? replyOf(payload) : (payload as CommandReply);
    reply.header('ETag', etagOf(command.version));
    if (shape === 'created' && request.params['id'] === undefined) reply.header('Location', `${request.originalUrl.split('?')[0]}/${command.id}`);
    return done(null, command);
  });
}

export interface CommandRouteOptions {
  readonly summary: string;
  readonly roles: readonly [Role, ...Role[]];
  /** 201 Created (and a Location when the route is the collection's); otherwise 200. */
  readonly creates?: boolean;
}

/**
 * A command route: POST, its status, the roles admitted, the OpenAPI of the two command headers
 * and the reply (ETag, version, Location) — declared once per route.
 */
export const CommandRoute = (path: string | undefined, options: CommandRouteOptions) =>
  applyDecorators(
    Post(path),
    HttpCode(options.creates ? HttpStatus.CREATED : HttpStatus.OK),
    RouteConfig({ versionedReply: options.creates ? 'created' : 'command' }),
    Roles(...options.roles),
    ApiHeader({ name: 'If-Match', required: false, description: '期望的版本号（ETag）；不一致时返回 409 COMMON.VERSION_CONFLICT' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：重试返回首次结果，不重复写入' }),
    ApiOperation({ summary: options.summary }),
  );

/** An aggregate's read (`StreamStateQuery`, or a service's own that answers a `Versioned`): GET, the roles admitted, and the reply. */
export const StateRoute = (path: string, options: Omit<CommandRouteOptions, 'creates'>) =>
  applyDecorators(Get(path), Roles(...options.roles), ApiOperation({ summary: options.summary }), RouteConfig({ versionedReply: 'state' }));

/** Ids are UUIDs; anything else is a 400 in Chinese rather than a lookup. */
export const IdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ code: 'COMMON.INVALID_ID', title: '请求不合法', detail: '编号须为 UUID' }),
});

/** A day in a path (`/duty-days/2026-12-12`): a date that exists, written YYYY-MM-DD, or a 400 in Chinese. */
export const IsoDatePipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!isIsoDate(value)) throw new BadRequestException({ code: 'COMMON.INVALID_DATE', title: '请求不合法', detail: '日期须为存在的 年-月-日（YYYY-MM-DD）' });
    return value;
  },
};

/** A file is named by its SHA-256 (FILE-1): 64 lower-case hex digits, or a 400 in Chinese. */
export const Sha256Pipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!/^[0-9a-f]{64}$/.test(value)) throw new BadRequestException({ code: 'FILE.INVALID_DIGEST', title: '请求不合法', detail: '文件摘要须为 64 位小写十六进制 SHA-256' });
    return value;
  },
};
