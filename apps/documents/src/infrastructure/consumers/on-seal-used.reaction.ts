import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { CommandBus } from '@nestjs/cqrs';
import { ReactionConsumer, SERVICE_RUNTIME, causedBy, commandOn, type ServiceRuntime } from '@oa/platform';
import { outgoingDocumentStream } from '../../documents.service-definition';

interface SubmittedData {
  readonly applicationId: string;
  readonly sealId: string;
  readonly documentId?: string;
}

interface UsedData {
  readonly applicationId: string;
  readonly usageId: string;
  readonly sealId: string;
}

/**
 * Records an outgoing document as sealed (用印) when the seals service reports a usage against
 * an application for that document (DOC-7). The usage id makes a redelivery a no-op in the
 * decider; a document not in a state to be sealed becomes a dead letter, not a crash.
 */
@Injectable()
export class OnSealUsedReaction extends ReactionConsumer {
  protected readonly source = 'seals';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  protected async react(manager: EntityManager, event: EventEnvelope): Promise<void> {
    if (event.type === 'SealUsageApplicationSubmitted') {
      const data = event.data as SubmittedData;
      if (data.documentId === undefined) return;
      await manager.query(`INSERT INTO "documents".seal_applications (application_id, document_id, seal_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        data.applicationId,
        data.documentId,
        data.sealId,
      ]);
      return;
    }
    if (event.type !== 'SealUsageRecorded') return;
    const data = event.data as UsedData;
    const [application] = (await manager.query(`SELECT document_id FROM "documents".seal_applications WHERE application_id = $1`, [data.applicationId])) as Array<{ document_id: string }>;
    if (!application) return;
    const metadata = causedBy(event);
    await this.commands.execute(commandOn(outgoingDocumentStream, application.document_id, 'MarkOutgoingDocumentSealed', { sealUsageId: data.usageId, sealId: data.sealId }, { metadata, options: {} }));
  }
}
