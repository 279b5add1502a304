import { HttpStatus, HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { isRuleViolation } from '@oa/core';
import { CLOCK, type Clock } from './clock';
import { requestContextOf } from './request-context';
import { SecurityLog } from './security-log';

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
 * their own application), so every denied attempt is on record, not only the guard's.
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
        const forbidden = forbiddenOf(error);
        if (!forbidden) return throwError(() => error);
        const context = requestContextOf(execution.switchToHttp().getRequest<Request>(), this.clock.now());
        return from(this.securityLog.recordDenied(context, { ...forbidden, status: 403, ...(context.actor && { actor: context.actor }) })).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
