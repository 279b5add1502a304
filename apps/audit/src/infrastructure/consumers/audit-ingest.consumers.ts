import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICE_RUNTIME, type ConsumedMessage, type ServiceRuntime } from '@oa/platform';
import { AuditLogStore } from '../audit-log.store';
import { AUDIT_SETTINGS, type AuditSettings } from '../audit-settings';

/**
 * One consumer per source topic, each with the audit service's own group
 * (`<prefix>oa.audit.from-<service>[.<generation>]`): the entry is appended in the transaction that records
 * the eventId (a redelivery is ignored) and the offset reached.
 */
abstract class AuditIngestConsumer extends ReactionConsumer {
  // the log keeps each event as its service stored and hashed it, so its chain verifies (AUD-10)
  protected override readonly asPublished = true;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(AuditLogStore) private readonly store: AuditLogStore,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    super(runtime);
  }

  protected override consumerName(prefix: string): string {
    const generation = this.settings.consumerGeneration;
    return generation ? `${super.consumerName(prefix)}.${generation}` : super.consumerName(prefix);
  }

  protected react(manager: EntityManager, event: EventEnvelope, source: ConsumedMessage): Promise<void> {
    return this.store.append(manager, this.source, event, source);
  }

  protected override async redelivered(manager: EntityManager, event: EventEnvelope, source: ConsumedMessage): Promise<void> {
    await this.store.redelivered(manager, this.source, event, source);
  }
}

@Injectable()
export class DocumentsIngest extends AuditIngestConsumer {
  protected readonly source = 'documents';
}

@Injectable()
export class MeetingsIngest extends AuditIngestConsumer {
  protected readonly source = 'meetings';
}

@Injectable()
export class ArchivesIngest extends AuditIngestConsumer {
  protected readonly source = 'archives';
}

@Injectable()
export class SealsIngest extends AuditIngestConsumer {
  protected readonly source = 'seals';
}

export const AUDIT_INGEST_CONSUMERS = [DocumentsIngest, MeetingsIngest, ArchivesIngest, SealsIngest];
