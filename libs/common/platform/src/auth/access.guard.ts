import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { evaluateAccess } from './access-policy';
import { CLOCK, type Clock } from './clock';
import { requestContextOf } from './request-context';
import { accessDeclarationOf } from './route-declarations';
import { SecurityLog } from './security-log';
import { TokenVerifier } from './token';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The global guard of every service: authenticates the bearer token, then applies the route's
 * declaration (COMMON-1, deny by default, COMMON-2, @Roles). Refusals are problem+json through
 * the platform filter; every refusal but a missing or malformed token is recorded.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly securityLog: SecurityLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const http = execution.switchToHttp();
    const request = http.getRequest<Request>();
    const context = requestContextOf(request, this.clock.now());
    const declaration = accessDeclarationOf(this.reflector, execution.getHandler(), execution.getClass());
    if (declaration.isPublic) return true;

    const outcome = await this.verifier.verify(BEARER.exec(request.header('authorization') ?? '')?.[1], new Date(context.receivedAt));
    if (outcome.rejection) {
      const { code, detail, wellFormed, actor, claimedSubject } = outcome.rejection;
      if (wellFormed) await this.securityLog.recordDenied(context, { reason: code, detail, status: 401, ...(actor && { actor }), ...(claimedSubject !== undefined && { claimedSubject }) });
      throw new UnauthorizedException({ code, title: '未认证', detail });
    }
    context.actor = outcome.actor;

    const refusal = evaluateAccess(outcome.actor.roles, declaration);
    if (refusal) {
      await this.securityLog.recordDenied(context, { reason: refusal.code, detail: refusal.detail, status: 403, actor: outcome.actor });
      throw new ForbiddenException(refusal);
    }
    return true;
  }
}
