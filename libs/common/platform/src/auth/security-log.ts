import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, DomainEvent } from '@oa/core';
import { EMPTY_STREAM } from '../event-store/event-store';
import type { ServiceRuntime } from '../nest/runtime';
import { SERVICE_RUNTIME } from '../nest/tokens';
import { HIDDEN_ITEM_REASON, type HiddenItem, type HidingBasis } from './hidden-item';
import type { RequestContext } from './request-context';

export const SECURITY_STREAM_TYPE = 'securityLog';
export const ACCESS_DENIED = 'AccessDenied';
/** A command the domain refused (a rule, not access): kept apart from the aggregate's stream. */
export const REFUSAL_STREAM_TYPE = 'commandRefusals';
export const COMMAND_REFUSED = 'CommandRefused';
/** A read COMMON-3 answered 404 although the item exists: in the security log beside AccessDenied. */
export const HIDDEN_ITEM_PROBED = 'HiddenItemProbed';

/** The data of a CommandRefused event: which request, which rule, and why. */
export interface CommandRefusedData {
  readonly method: string;
  readonly path: string;
  readonly code: string;
  readonly kind: string;
  readonly detail: string;
  readonly clientAddress: string;
}

/** Who is named when a token proves no one: the claimed subject goes into the data instead. */
export const UNAUTHENTICATED_ACTOR: Actor = { id: 'unauthenticated', name: '未认证用户', roles: [] };

/** The data of an AccessDenied event: who tried what, from where, and why it was refused. */
export interface AccessDeniedData {
  readonly method: string;
  readonly path: string;
  /** The code of the refusal: AUTH.TOKEN_INVALID, AUTH.ROLE_REQUIRED, COMMON-1, SEAL-4, … */
  readonly reason: string;
  readonly detail: string;
  readonly status: 401 | 403;
  readonly clientAddress: string;
  readonly claimedSubject?: string;
}

/** The data of a HiddenItemProbed event: who asked for which item, from where, and which half of COMMON-3 hid it. Never the item's title. */
export interface HiddenItemProbedData {
  readonly method: string;
  readonly path: string;
  /** The item asked for, by id, and its stream type (outgoingDocument, archiveItem, minutes, …). */
  readonly itemId: string;
  readonly streamType: string;
  /** COMMON-3. */
  readonly reason: string;
  /** clearance: the reader's is below the item's level; needToKnow: the reader is not on its list. */
  readonly basis: HidingBasis;
  /** What the caller was answered: the 404 of a missing item. */
  readonly status: 404;
  readonly clientAddress: string;
}

/** The events every service records besides its domain's: on its own topic, read by the audit (AUD-11, AUD-12). */
export type AccessDenied = DomainEvent<typeof ACCESS_DENIED, AccessDeniedData> & { readonly schemaVersion: 1 };
export type CommandRefused = DomainEvent<typeof COMMAND_REFUSED, CommandRefusedData> & { readonly schemaVersion: 1 };
/** A read of an item COMMON-3 hides from the reader, answered 404 as for a missing one (a probe, AUD-11). */
export type HiddenItemProbed = DomainEvent<typeof HIDDEN_ITEM_PROBED, HiddenItemProbedData> & { readonly schemaVersion: 1 };
export type PlatformEvent = AccessDenied | CommandRefused | HiddenItemProbed;

export interface Denial {
  readonly reason: string;
  readonly detail: string;
  readonly status: 401 | 403;
  readonly actor?: Actor;
  readonly claimedSubject?: string;
}

/**
 * Records every denied attempt as an AccessDenied event in the service's own events table, so
 * the relay publishes it to the service topic and the audit trail sees it.
 *
 * One stream per attempt (`security-<service>-<day>-<uuid>`, refusals `refusal-…`): denials peak exactly when
 * someone is probing, and separate streams never contend for a version, so a burst of them
 * cannot make recording fail. The day in the id keeps a day's denials together in listings;
 * the audit reads them by stream type.
 */
@Injectable()
export class SecurityLog {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async recordDenied(context: RequestContext, denial: Denial): Promise<void> {
    const data: AccessDeniedData = {
      method: context.method,
      path: context.path,
      reason: denial.reason,
      detail: denial.detail,
      status: denial.status,
      clientAddress: context.clientAddress,
      ...(denial.claimedSubject !== undefined && { claimedSubject: denial.claimedSubject }),
    };
    await this.record(context, SECURITY_STREAM_TYPE, 'security', { type: ACCESS_DENIED, data, schemaVersion: 1 }, denial.actor ?? UNAUTHENTICATED_ACTOR);
  }

  /** A read of an item COMMON-3 hides from the actor (answered 404): recorded with the item's id and stream type, never its title. */
  async recordProbe(context: RequestContext, hidden: HiddenItem, actor: Actor): Promise<void> {
    const data: HiddenItemProbedData = {
      method: context.method,
      path: context.path,
      itemId: hidden.itemId,
      streamType: hidden.streamType,
      reason: HIDDEN_ITEM_REASON,
      basis: hidden.basis,
      status: 404,
      clientAddress: context.clientAddress,
    };
    await this.record(context, SECURITY_STREAM_TYPE, 'security', { type: HIDDEN_ITEM_PROBED, data, schemaVersion: 1 }, actor);
  }

  /** A rule's refusal (SEAL-3, DOC-4, …) of an authenticated caller's command. */
  async recordRefused(context: RequestContext, refusal: { code: string; kind: string; detail: string }, actor: Actor): Promise<void> {
    const data: CommandRefusedData = { method: context.method, path: context.path, ...refusal, clientAddress: context.clientAddress };
    await this.record(context, REFUSAL_STREAM_TYPE, 'refusal', { type: COMMAND_REFUSED, data, schemaVersion: 1 }, actor);
  }

  private async record(context: RequestContext, streamType: string, label: string, event: PlatformEvent, actor: Actor): Promise<void> {
    try {
      const appended = await this.runtime.store.append({
        streamType,
        streamId: `${label}-${this.runtime.definition.service}-${context.receivedAt.slice(0, 10)}-${randomUUID()}`,
        expected: EMPTY_STREAM,
        events: [event],
        recordedAt: context.receivedAt,
        metadata: {
          actor,
          requestId: context.requestId,
          correlationId: context.correlationId,
          clientAddress: context.clientAddress,
        },
      });
      this.runtime.metrics.countAppended(appended);
    } catch (error) {
      // The refusal stands either way: a database outage must not turn a 4xx into a 500.
      this.runtime.logger.error({ err: error, requestId: context.requestId, correlationId: context.correlationId }, `${event.type} 记录写入失败 (${event.type} not recorded) ${context.method} ${context.path}`);
    }
  }
}
