import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BatchReactionConsumer, SERVICES, SERVICE_RUNTIME, eventsTopic, type ConsumedEvent, type ServiceRuntime } from '@oa/platform';
import { AuditLogStore } from '../audit-log.store';
import { AUDIT_SETTINGS, type AuditSettings } from '../audit-settings';

/**
 * One consumer group (`<prefix>oa.audit.ingest[.<generation>]`) over the four areas' topics and the
 * audit service's own (its denied attempts and finding reviews belong in the trail too). A batch
 * of one partition is appended in the transaction that records its eventIds and the offset
 * reached; the partitions of all topics progress side by side.
 */
@Injectable()
export class AuditIngest extends BatchReactionConsumer {
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

  /**
   * Redeliveries too: the group may have seen an eventId on another topic, so the store decides
   * per service (a harmless redelivery, a conflicting copy to raise, or another service's first sight of it).
   */
  protected reactBatch(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<void> {
    return this.store.append(manager, events.map(({ event, source }) => ({ service: serviceOf(source.topic), event, source })));
  }
}

/** `<prefix>oa.<service>.events` → the service: it owns its streams and eventIds. */
function serviceOf(topic: string): string {
  const service = /(?:^|\.)oa\.([a-z]+)\.events$/.exec(topic)?.[1];
  if (!service) throw new Error(`不是事件主题：${topic}`);
  return service;
}
