import { HttpStatus, HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { isRuleViolation } from '@oa/core';
import { CLOCK, type Clock } from './clock';
import { requestContextOf } from './request-context';
import { isHiddenItemNotFound } from './hidden-item';
import { SecurityLog, UNAUTHENTICATED_ACTOR } from './security-log';

/** The code and detail of a 403 raised past the guard, or undefined for any other error. */
function forbiddenOf(error: unknown): { reason: string; detail: string } | undefined {
  if (isRuleViolation(error)) return error.kind === 'forbidden' ? { reason: error.code, detail: error.detail } : undefined;
  if (error instanceof HttpException && error.getStatus() === HttpStatus.FORBIDDEN) {
    const body = error.getResponse() as { code?: unknown; detail?: unknown };
    return { reason: typeof body.code === 'string' ? body.code : 'AUTH.FORBIDDEN', detail: typeof body.detail === 'string' ? body.detail : error.message };
  }
  return undefined;
}

/**
 * Records the 403s that handlers and deciders raise (e.g. SEAL-4, the applicant approving
 * their own application), so every denied attempt is on record, not only the guard's; the
 * reads COMMON-3 answers 404 although the item exists as HiddenItemProbed (AUD-11 counts
 * both); and every other rule's refusal of a command as CommandRefused.
 */
@Injectable()
export class AccessDeniedInterceptor implements NestInterceptor {
  constructor(
    private readonly securityLog: SecurityLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const context = requestContextOf(execution.switchToHttp().getRequest<FastifyRequest>(), this.clock.now());
        // COMMON-3: recorded as a probe, then rethrown as it is — the answer stays a missing item's 404
        if (isHiddenItemNotFound(error)) {
          return from(this.securityLog.recordProbe(context, error.hidden, context.actor ?? UNAUTHENTICATED_ACTOR)).pipe(mergeMap(() => throwError(() => error)));
        }
        const forbidden = forbiddenOf(error);
        if (forbidden) {
          return from(this.securityLog.recordDenied(context, { ...forbidden, status: 403, ...(context.actor && { actor: context.actor }) })).pipe(
            mergeMap(() => throwError(() => error)),
          );
        }
        // STYLE.md: a refused command is recorded in the refusal stream, not the aggregate's.
        // A version conflict or a reused idempotency key (COMMON.*) is a race, not a refusal.
        if (isRuleViolation(error) && !error.code.startsWith('COMMON.') && context.method !== 'GET' && context.actor) {
          const { code, kind, detail } = error;
          return from(this.securityLog.recordRefused(context, { code, kind, detail }, context.actor)).pipe(mergeMap(() => throwError(() => error)));
        }
        return throwError(() => error);
      }),
    );
  }
}
