import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { IncomingDocumentInstructed } from '@oa/domain-documents';
import { ReactionConsumer, SERVICE_RUNTIME, causedBy, commandOn, type ServiceRuntime } from '@oa/platform';
import { instructionStream } from '../../affairs.service-definition';

/**
 * SUP-3 a leader's 批示 on an incoming document, as the documents service recorded it, becomes an
 * instruction awaiting disposition here: its id is that event's id, so a redelivery is a no-op in
 * the decider, and the audit (AUD-15) matches the two.
 */
@Injectable()
export class OnInstructionReaction extends ReactionConsumer {
  protected readonly source = 'documents';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  protected async react(_manager: EntityManager, event: EventEnvelope): Promise<void> {
    if (event.type !== 'IncomingDocumentInstructed') return;
    const { documentId, instruction, leaderId, leaderName, instructedAt } = event.data as IncomingDocumentInstructed['data'];
    const metadata = causedBy(event);
    const data = { instructionId: event.eventId, documentId, leader: { id: leaderId, name: leaderName }, text: instruction, instructedAt };
    await this.commands.execute(commandOn(instructionStream, event.eventId, 'RecordInstruction', data, { metadata, options: {} }));
  }
}
