import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICES, SERVICE_RUNTIME, eventsTopic, type ConsumedMessage, type ServiceRuntime } from '@oa/platform';
import { AuditLogStore } from '../audit-log.store';
import { AUDIT_SETTINGS, type AuditSettings } from '../audit-settings';

/**
 * One consumer group (`<prefix>oa.audit.ingest[.<generation>]`) over the four areas' topics and the
 * audit service's own (its denied attempts and finding reviews belong in the trail too). Each
 * entry is appended in the transaction that records the eventId and the offset reached.
 */
@Injectable()
export class AuditIngest extends ReactionConsumer {
  protected readonly source = 'trail';
  // the log keeps each event as its service stored and hashed it, so its chain verifies (AUD-10)
  protected override readonly asPublished = true;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(AuditLogStore) private readonly store: AuditLogStore,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    super(runtime);
  }

  protected override sourceTopics(prefix: string): string[] {
    return SERVICES.map((service) => eventsTopic(service, prefix));
  }

  protected override consumerName(prefix: string): string {
    const generation = this.settings.consumerGeneration;
    return `${prefix}oa.audit.ingest${generation ? `.${generation}` : ''}`;
  }

  protected react(manager: EntityManager, event: EventEnvelope, source: ConsumedMessage): Promise<void> {
    return this.store.append(manager, serviceOf(source.topic), event, source);
  }

  /**
   * The group has seen this eventId, maybe on another topic: the store decides per service (a
   * harmless redelivery, a conflicting copy to raise, or another service's first sight of it).
   */
  protected override redelivered(manager: EntityManager, event: EventEnvelope, source: ConsumedMessage): Promise<void> {
    return this.store.append(manager, serviceOf(source.topic), event, source);
  }
}

/** `<prefix>oa.<service>.events` → the service: it owns its streams and eventIds. */
function serviceOf(topic: string): string {
  const service = /(?:^|\.)oa\.([a-z]+)\.events$/.exec(topic)?.[1];
  if (!service) throw new Error(`不是事件主题：${topic}`);
  return service;
}
