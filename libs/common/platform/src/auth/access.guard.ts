import { ForbiddenException, Inject, Injectable, ServiceUnavailableException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { evaluateAccess } from './access-policy';
import { CLOCK, type Clock } from './clock';
import { alreadyOnRecord } from './refusal-record';
import { requestContextOf } from './request-context';
import { accessDeclarationOf } from './route-declarations';
import { SecurityLog } from './security-log';
import { TokenVerifier } from './token';
import { DirectoryAuthorities } from '../directory/directory-authorities';

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
    private readonly directory: DirectoryAuthorities,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const http = execution.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const context = requestContextOf(request, this.clock.now());
    const declaration = accessDeclarationOf(this.reflector, execution.getHandler(), execution.getClass());
    if (declaration.isPublic) return true;

    const outcome = await this.verifier.verify(BEARER.exec(request.headers.authorization ?? '')?.[1], new Date(context.receivedAt));
    if (outcome.rejection) {
      const { code, detail, wellFormed, actor, claimedSubject } = outcome.rejection;
      if (wellFormed) await this.securityLog.recordDenied(context, { reason: code, detail, status: 401, ...(actor && { actor }), ...(claimedSubject !== undefined && { claimedSubject }) });
      throw new UnauthorizedException({ code, title: '未认证', detail });
    }
    // DIR-4: once the directory is in force, the person it holds acts, not what the token claims
    const resolution = await this.directory.resolve(outcome.actor, context.receivedAt, declaration.beforeDirectory === true);
    if (resolution.kind === 'unavailable') throw new ServiceUnavailableException({ code: resolution.code, title: '目录未启用', detail: resolution.detail });
    if (resolution.kind === 'refused') {
      await this.securityLog.recordDenied(context, { reason: resolution.code, detail: resolution.detail, status: 403, actor: outcome.actor });
      throw alreadyOnRecord(new ForbiddenException({ code: resolution.code, title: '无权访问', detail: resolution.detail }));
    }
    const actor = resolution.kind === 'person' ? resolution.actor : outcome.actor;
    context.actor = actor;

    const refusal = evaluateAccess(actor.roles, declaration);
    if (refusal) {
      await this.securityLog.recordDenied(context, { reason: refusal.code, detail: refusal.detail, status: 403, actor });
      throw alreadyOnRecord(new ForbiddenException(refusal));
    }
    return true;
  }
}
