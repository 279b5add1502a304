import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Actor, CommandMetadata } from '@oa/core';

/** Who asked, from where, under which request: set by the access guard for each request. */
export interface RequestContext {
  readonly requestId: string;
  readonly correlationId: string;
  readonly clientAddress: string;
  /** The instant the request was admitted, from the service clock: the command's `now`. */
  readonly receivedAt: string;
  readonly method: string;
  /** Without the query string, which may carry search terms that do not belong in a log. */
  readonly path: string;
  actor?: Actor;
}

const CONTEXT = Symbol('requestContext');
const IDS = Symbol('requestIds');
type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/**
 * Caller-supplied ids go into hashed, published event metadata: only short opaque tokens
 * are taken, anything else is replaced by a fresh id rather than stored.
 */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function headerId(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
}

/** The request and correlation ids of a request (X-Request-Id, X-Correlation-Id, else fresh): one pair per request, shared by its log lines and its events. */
export function requestIdsOf(request: IncomingMessage): { readonly requestId: string; readonly correlationId: string } {
  const carrier = request as IncomingMessage & { [IDS]?: { requestId: string; correlationId: string } };
  if (!carrier[IDS]) {
    const requestId = headerId(request, 'x-request-id') ?? randomUUID();
    carrier[IDS] = { requestId, correlationId: headerId(request, 'x-correlation-id') ?? requestId };
  }
  return carrier[IDS];
}

/** The request's context, created on first use and the same object afterwards. */
export function requestContextOf(request: FastifyRequest, now: Date): RequestContext {
  const carrier = request as WithContext;
  if (!carrier[CONTEXT]) {
    carrier[CONTEXT] = {
      // the ids live on Node's request, where the request log line (pino-http) finds them too
      ...requestIdsOf(request.raw),
      clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
      receivedAt: now.toISOString(),
      method: request.method,
      path: request.originalUrl.split('?')[0] ?? request.url,
    };
  }
  return carrier[CONTEXT];
}

/** The metadata a command carries: the authenticated actor and where the request came from. */
export function commandMetadataOf(request: FastifyRequest): CommandMetadata {
  const context = (request as WithContext)[CONTEXT];
  if (!context?.actor) {
    // Only a @Public() route has no actor, and a public route must not issue commands.
    throw new Error('CommandContext used on a route without an authenticated actor (公开接口不得发出命令)');
  }
  return {
    actor: context.actor,
    now: context.receivedAt,
    requestId: context.requestId,
    correlationId: context.correlationId,
    clientAddress: context.clientAddress,
  };
}

/**
 * `@CommandContext() metadata: CommandMetadata` in a controller: the actor, `now`, request
 * and correlation ids and client address, to pass on with the command into every event.
 */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata =>
  commandMetadataOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
