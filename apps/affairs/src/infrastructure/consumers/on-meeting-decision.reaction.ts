import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { DecisionRecorded } from '@oa/domain-meetings';
import { DirectoryAuthorities, ReactionConsumer, SERVICE_RUNTIME, causedBy, commandOn, type ServiceRuntime } from '@oa/platform';
import { meetingDecisionStream } from '../../affairs.service-definition';

/**
 * SUP-1 a meeting's decision, as the meetings service recorded it, becomes a decision a task may
 * follow up here: its id is that event's id, so a redelivery is a no-op in the decider. The chair
 * (the assigner of its tasks) is named as the directory held them when the decision was taken.
 * Decisions recorded before the meetings named their chair are followed up where they are (ADR 0018).
 */
@Injectable()
export class OnMeetingDecisionReaction extends ReactionConsumer {
  protected readonly source = 'meetings';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(DirectoryAuthorities) private readonly directory: DirectoryAuthorities,
  ) {
    super(runtime);
  }

  protected async react(_manager: EntityManager, event: EventEnvelope): Promise<void> {
    if (event.type !== 'DecisionRecorded') return;
    const { meetingId, itemId, title, outcome, chairId, decidedAt } = event.data as DecisionRecorded['data'];
    if (chairId === undefined) return;
    const chair = { id: chairId, name: this.directory.personAt(chairId, decidedAt)?.name ?? chairId };
    const metadata = causedBy(event);
    const data = { decisionId: event.eventId, meetingId, itemId, title, outcome, chair, decidedAt };
    await this.commands.execute(commandOn(meetingDecisionStream, event.eventId, 'RecordMeetingDecision', data, { metadata, options: {} }));
  }
}
