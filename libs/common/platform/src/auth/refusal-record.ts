import { HttpStatus, HttpException, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isRuleViolation } from '@oa/core';
import { CLOCK, type Clock } from './clock';
import { requestContextOf } from './request-context';
import { isHiddenItemNotFound } from './hidden-item';
import { SecurityLog, UNAUTHENTICATED_ACTOR } from './security-log';

/** The code and detail of a 403, or undefined for any other error. */
function forbiddenOf(error: unknown): { reason: string; detail: string } | undefined {
  if (isRuleViolation(error)) return error.kind === 'forbidden' ? { reason: error.code, detail: error.detail } : undefined;
  if (error instanceof HttpException && error.getStatus() === HttpStatus.FORBIDDEN) {
    const body = error.getResponse() as { code?: unknown; detail?: unknown };
    return { reason: typeof body.code === 'string' ? body.code : 'AUTH.FORBIDDEN', detail: typeof body.detail === 'string' ? body.detail : error.message };
  }
  return undefined;
}

/** Refusals already on record, with what only their thrower knew (the access guard's: the actor the token named). */
const recordedByThrower = new WeakSet<object>();

/** Marks a refusal its thrower has put on record: the problem filter does not record it again. */
export function alreadyOnRecord<E extends object>(refusal: E): E {
  recordedByThrower.add(refusal);
  return refusal;
}

/**
 * What the problem filter puts on record before it answers, so every denied attempt is there,
 * not only the guard's: a 403 a handler or decider raises (e.g. SEAL-4, the applicant approving
 * their own application) as AccessDenied; a read COMMON-3 answers 404 although the item exists
 * as HiddenItemProbed (AUD-11 counts both); any other rule's refusal of a command as CommandRefused.
 * In the filter rather than an interceptor: a command route then runs no RxJS at all (issue 28).
 */
@Injectable()
export class RefusalRecord {
  constructor(
    private readonly securityLog: SecurityLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The record of the refusal an error is, or undefined when it is none (or already on record). */
  record(error: unknown, request: FastifyRequest): Promise<void> | undefined {
    if (typeof error !== 'object' || error === null || recordedByThrower.has(error)) return undefined;
    const contextNow = () => requestContextOf(request, this.clock.now());
    // COMMON-3: recorded as a probe; the answer stays a missing item's 404
    if (isHiddenItemNotFound(error)) {
      const context = contextNow();
      return this.securityLog.recordProbe(context, error.hidden, context.actor ?? UNAUTHENTICATED_ACTOR);
    }
    const forbidden = forbiddenOf(error);
    if (forbidden) {
      const context = contextNow();
      return this.securityLog.recordDenied(context, { ...forbidden, status: 403, ...(context.actor && { actor: context.actor }) });
    }
    // STYLE.md: a refused command is recorded in the refusal stream, not the aggregate's.
    // A version conflict or a reused idempotency key (COMMON.*) is a race, not a refusal.
    if (isRuleViolation(error) && !error.code.startsWith('COMMON.')) {
      const context = contextNow();
      if (context.method === 'GET' || !context.actor) return undefined;
      const { code, kind, detail } = error;
      return this.securityLog.recordRefused(context, { code, kind, detail }, context.actor);
    }
    return undefined;
  }
}
